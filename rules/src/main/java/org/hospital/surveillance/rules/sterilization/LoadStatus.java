package org.hospital.surveillance.rules.sterilization;

/** PENDING: nothing has failed but the biological indicator is still incubating. */
public enum LoadStatus { PASSED, FAILED, PENDING }

package org.hospital.surveillance.events.sterilization;

/** Chemical indicator result, and a biological indicator once it has been read. */
public enum IndicatorResult { PASS, FAIL }

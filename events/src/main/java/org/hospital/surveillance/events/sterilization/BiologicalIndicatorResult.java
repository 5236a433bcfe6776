package org.hospital.surveillance.events.sterilization;

/** A biological indicator is incubated for a day or more, so a load is often recorded as PENDING. */
public enum BiologicalIndicatorResult { PASS, FAIL, PENDING }

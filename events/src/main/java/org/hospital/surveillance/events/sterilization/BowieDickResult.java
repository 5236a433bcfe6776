package org.hospital.surveillance.events.sterilization;

public enum BowieDickResult { PASS, FAIL, NOT_DONE }

package org.hospital.surveillance.command.alert;

/** Where an alert is in the nurses' work: raised, being investigated, or done with. */
public enum AlertStatus { OPEN, ACKNOWLEDGED, CLOSED }

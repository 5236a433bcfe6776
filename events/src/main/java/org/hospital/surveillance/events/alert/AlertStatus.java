package org.hospital.surveillance.events.alert;

/**
 * Where an alert is in the nurses' work: raised, being investigated, or done with. The alert
 * aggregate decides on it, the alert board stores it and the board's readers filter on it.
 */
public enum AlertStatus { OPEN, ACKNOWLEDGED, CLOSED }

package org.hospital.surveillance.query.alert;

/** The statuses a nurse can filter the alert board on. */
public enum AlertStatus { OPEN, ACKNOWLEDGED, CLOSED }

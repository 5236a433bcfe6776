package org.hospital.surveillance.events.alert;

public enum CloseOutcome { CONFIRMED_OUTBREAK, FALSE_ALARM }

package org.hospital.surveillance.events.labresult;

public enum CultureResult { POSITIVE, NEGATIVE }

package org.hospital.surveillance.events.environment;

public enum HandDisinfection { HYGIENIC, SURGICAL }

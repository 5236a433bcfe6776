package org.hospital.surveillance.events.environment;

public enum DisinfectantUse { STERILANT, SKIN_MUCOSA, OTHER }

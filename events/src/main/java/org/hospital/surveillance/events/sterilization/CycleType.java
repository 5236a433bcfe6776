package org.hospital.surveillance.events.sterilization;

public enum CycleType { PREVACUUM_STEAM, GRAVITY_STEAM, LOW_TEMP_PLASMA, ETHYLENE_OXIDE }

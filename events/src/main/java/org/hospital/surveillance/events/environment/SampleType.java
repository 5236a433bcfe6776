package org.hospital.surveillance.events.environment;

public enum SampleType { AIR, SURFACE, HANDS, DISINFECTANT_IN_USE, STERILE_STORAGE_FLUID, STERILIZED_ITEM }

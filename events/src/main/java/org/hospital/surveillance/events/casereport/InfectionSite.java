package org.hospital.surveillance.events.casereport;

/** Bloodstream, surgical site, urinary tract, pneumonia, gastro-intestinal, skin, other. */
public enum InfectionSite { BSI, SSI, UTI, PNEU, GI, SKIN, OTHER }

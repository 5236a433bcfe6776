package org.hospital.surveillance.events.labresult;

/** Susceptible, intermediate, resistant. */
public enum Interpretation { S, I, R }

package org.hospital.surveillance.events.environment;

/** GB 15982-2012 environment classes, I (clean operating rooms) to IV. */
public enum EnvironmentClass { I, II, III, IV }

package org.hospital.surveillance.events.casereport;

/** A hospital-acquired infection, or a notifiable infectious disease. */
public enum CaseCategory { HAI, NOTIFIABLE }

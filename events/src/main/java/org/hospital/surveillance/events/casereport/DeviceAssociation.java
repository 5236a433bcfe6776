package org.hospital.surveillance.events.casereport;

/** The device an HAI is associated with: CLABSI, CAUTI and VAE in NHSN terms. */
public enum DeviceAssociation { CENTRAL_LINE, URINARY_CATHETER, VENTILATOR }

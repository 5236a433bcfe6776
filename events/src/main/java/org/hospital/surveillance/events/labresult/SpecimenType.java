package org.hospital.surveillance.events.labresult;

public enum SpecimenType { BLOOD, URINE, SPUTUM, WOUND, CSF, STOOL, SCREENING_SWAB, OTHER }

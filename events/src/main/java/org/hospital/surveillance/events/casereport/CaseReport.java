package org.hospital.surveillance.events.casereport;

import java.time.Instant;

/**
 * A clinician's case report. For an HAI {@code infectionSite} and {@code onsetAt} are set; for a
 * NOTIFIABLE disease {@code disease} and {@code diagnosedAt} are. Organism, phenotype and device
 * association are optional.
 */
public record CaseReport(
        String caseId,
        String patientId,
        String wardId,
        CaseCategory category,
        InfectionSite infectionSite,
        String organism,
        String phenotype,
        Instant onsetAt,
        DeviceAssociation deviceAssociation,
        String disease,
        Instant diagnosedAt) {
}

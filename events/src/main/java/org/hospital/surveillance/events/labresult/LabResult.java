package org.hospital.surveillance.events.labresult;

import java.time.Instant;
import java.util.List;

/** A microbiology result for one specimen, identified by its accession number. */
public record LabResult(
        String accessionNumber,
        String patientId,
        String wardId,
        Instant admittedAt,
        SpecimenType specimenType,
        Instant collectedAt,
        CultureResult result,
        String organism,
        String phenotype,
        List<Susceptibility> susceptibility) {

    public LabResult {
        susceptibility = susceptibility == null ? List.of() : List.copyOf(susceptibility);
    }

    public boolean positive() {
        return result == CultureResult.POSITIVE;
    }
}

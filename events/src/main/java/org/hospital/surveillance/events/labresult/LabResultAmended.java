package org.hospital.surveillance.events.labresult;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The lab re-issued the result with changed content; the new version replaces the old one. Flat: the
 * fact's fields themselves, as submitted, nothing derived. Revision 2; older rows are brought forward
 * by {@link LabResultUpcasters}.
 */
@Revision("2")
public record LabResultAmended(
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

    public LabResultAmended {
        susceptibility = susceptibility == null ? List.of() : List.copyOf(susceptibility);
    }

    /** The event that states the whole of a submitted fact. */
    public LabResultAmended(LabResult fact) {
        this(fact.accessionNumber(), fact.patientId(), fact.wardId(), fact.admittedAt(), fact.specimenType(),
                fact.collectedAt(), fact.result(), fact.organism(), fact.phenotype(),
                fact.susceptibility());
    }

    /** The fact this event states, as the aggregate and the rules take it. */
    public LabResult labResult() {
        return new LabResult(accessionNumber, patientId, wardId, admittedAt, specimenType, collectedAt, result, organism,
                phenotype, susceptibility);
    }
}

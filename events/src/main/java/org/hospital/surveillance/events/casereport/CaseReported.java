package org.hospital.surveillance.events.casereport;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A clinician reported a case: an HAI (site, onset) or a notifiable disease (disease, diagnosis).
 * Flat: the fact's fields themselves, as submitted, nothing derived. Revision 2; older rows are
 * brought forward by {@link CaseReportUpcasters}.
 */
@Revision("2")
public record CaseReported(
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
    /** The event that states the whole of a submitted fact. */
    public CaseReported(CaseReport fact) {
        this(fact.caseId(), fact.patientId(), fact.wardId(), fact.category(), fact.infectionSite(),
                fact.organism(), fact.phenotype(), fact.onsetAt(), fact.deviceAssociation(),
                fact.disease(), fact.diagnosedAt());
    }

    /** The fact this event states, as the aggregate and the rules take it. */
    public CaseReport report() {
        return new CaseReport(caseId, patientId, wardId, category, infectionSite, organism, phenotype, onsetAt, deviceAssociation,
                disease, diagnosedAt);
    }
}

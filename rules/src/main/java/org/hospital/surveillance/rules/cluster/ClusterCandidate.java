package org.hospital.surveillance.rules.cluster;

import java.util.Optional;
import org.hospital.surveillance.events.StreamKeys;
import org.hospital.surveillance.events.alert.ClusterCase;
import org.hospital.surveillance.events.casereport.CaseCategory;
import org.hospital.surveillance.events.casereport.CaseReport;
import org.hospital.surveillance.events.labresult.LabResult;
import org.hospital.surveillance.rules.labresult.HospitalOnsetRule;

/**
 * A fact that counts as a case for cluster detection: its key (ward, organism, phenotype), the case
 * itself, and the organism and phenotype as the hospital spelled them (for the alert's display).
 * The one definition of "what is a case": the live alert detector and the epidemiologists' what-if
 * replay both ask it, so they cannot disagree on which facts count.
 */
public record ClusterCandidate(ClusterKey key, ClusterCase clusterCase, String organism, String phenotype) {

    public static String labResultSource(String accessionNumber) {
        return StreamKeys.labResult(accessionNumber);
    }

    public static String caseReportSource(String caseId) {
        return StreamKeys.caseReport(caseId);
    }

    /** A hospital-onset positive culture with an organism is a case, dated by its collection. */
    public static Optional<ClusterCandidate> of(LabResult result, HospitalOnsetRule onsetRule) {
        if (!result.positive() || isBlank(result.organism()) || result.wardId() == null
                || result.patientId() == null || result.admittedAt() == null || result.collectedAt() == null
                || !onsetRule.isHospitalOnset(result)) {
            return Optional.empty();
        }
        return Optional.of(candidate(result.wardId(), result.organism(), result.phenotype(),
                new ClusterCase(labResultSource(result.accessionNumber()), result.patientId(), result.collectedAt())));
    }

    /** An HAI case report with an organism is a case, dated by its onset; notifiable diseases are not. */
    public static Optional<ClusterCandidate> of(CaseReport report) {
        if (report.category() != CaseCategory.HAI || isBlank(report.organism()) || report.wardId() == null
                || report.patientId() == null || report.onsetAt() == null) {
            return Optional.empty();
        }
        return Optional.of(candidate(report.wardId(), report.organism(), report.phenotype(),
                new ClusterCase(caseReportSource(report.caseId()), report.patientId(), report.onsetAt())));
    }

    private static ClusterCandidate candidate(String wardId, String organism, String phenotype, ClusterCase clusterCase) {
        String shownPhenotype = isBlank(phenotype) ? null : phenotype.trim();
        return new ClusterCandidate(ClusterKey.of(wardId, organism, phenotype), clusterCase, organism.trim(), shownPhenotype);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}

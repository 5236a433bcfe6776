package org.hospital.surveillance.rules.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.hospital.surveillance.events.alert.ClusterCase;
import org.hospital.surveillance.events.casereport.CaseCategory;
import org.hospital.surveillance.events.casereport.CaseReport;
import org.hospital.surveillance.events.casereport.InfectionSite;
import org.hospital.surveillance.events.labresult.CultureResult;
import org.hospital.surveillance.events.labresult.LabResult;
import org.hospital.surveillance.events.labresult.SpecimenType;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.hospital.surveillance.rules.labresult.HospitalOnsetRule;
import org.junit.jupiter.api.Test;

/** Which facts are cases of a cluster: the one definition the live detector and the what-if share. */
class ClusterCandidateTest {

    private static final HospitalOnsetRule ONSET = new HospitalOnsetRule(HospitalCalendar.utc());
    private static final String ADMITTED = "2026-03-01T08:00:00Z";

    @Test
    void aHospitalOnsetPositiveCultureIsACaseDatedByItsCollection() {
        // Admitted 1 March (day 1), collected 3 March (day 3): hospital onset.
        ClusterCandidate candidate = ClusterCandidate.of(culture("2026-03-03T00:30:00Z", CultureResult.POSITIVE,
                " Staphylococcus  aureus ", "MRSA "), ONSET).orElseThrow();

        assertThat(candidate.key()).isEqualTo(new ClusterKey("ICU-1", "staphylococcus aureus", "mrsa"));
        assertThat(candidate.clusterCase())
                .isEqualTo(new ClusterCase("lab-result:L-1", "P-1", Instant.parse("2026-03-03T00:30:00Z")));
        assertThat(candidate.organism()).isEqualTo("Staphylococcus  aureus");
        assertThat(candidate.phenotype()).isEqualTo("MRSA");
    }

    @Test
    void aCultureOnDayTwoIsCommunityOnsetAndNoCase() {
        assertThat(ClusterCandidate.of(culture("2026-03-02T23:59:00Z", CultureResult.POSITIVE, "E. coli", null), ONSET))
                .isEmpty();
    }

    @Test
    void negativeCulturesAndCulturesWithoutOrganismAreNoCases() {
        assertThat(ClusterCandidate.of(culture("2026-03-05T10:00:00Z", CultureResult.NEGATIVE, null, null), ONSET)).isEmpty();
        assertThat(ClusterCandidate.of(culture("2026-03-05T10:00:00Z", CultureResult.POSITIVE, "  ", null), ONSET)).isEmpty();
    }

    @Test
    void anHaiReportWithAnOrganismIsACaseDatedByItsOnset() {
        ClusterCandidate candidate = ClusterCandidate.of(report(CaseCategory.HAI, "Acinetobacter baumannii", " ")).orElseThrow();

        assertThat(candidate.key()).isEqualTo(new ClusterKey("ICU-1", "acinetobacter baumannii", ""));
        assertThat(candidate.clusterCase())
                .isEqualTo(new ClusterCase("case-report:C-1", "P-2", Instant.parse("2026-03-20T06:00:00Z")));
        assertThat(candidate.phenotype()).isNull();
    }

    @Test
    void reportsWithoutOrganismAndNotifiableDiseasesAreNoCases() {
        assertThat(ClusterCandidate.of(report(CaseCategory.HAI, null, null))).isEmpty();
        assertThat(ClusterCandidate.of(report(CaseCategory.NOTIFIABLE, "Salmonella", null))).isEmpty();
    }

    private static LabResult culture(String collectedAt, CultureResult result, String organism, String phenotype) {
        return new LabResult("L-1", "P-1", "ICU-1", Instant.parse(ADMITTED), SpecimenType.BLOOD,
                Instant.parse(collectedAt), result, organism, phenotype, List.of());
    }

    private static CaseReport report(CaseCategory category, String organism, String phenotype) {
        return new CaseReport("C-1", "P-2", "ICU-1", category, InfectionSite.PNEU, organism, phenotype,
                Instant.parse("2026-03-20T06:00:00Z"), null, null, null);
    }
}

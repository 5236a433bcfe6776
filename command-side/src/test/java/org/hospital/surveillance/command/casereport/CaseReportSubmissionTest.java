package org.hospital.surveillance.command.casereport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.surveillance.command.intake.SubmissionReading.json;

import java.time.Instant;
import org.hospital.surveillance.command.intake.FieldProblem;
import org.hospital.surveillance.command.intake.SubmissionReading;
import org.hospital.surveillance.events.casereport.CaseCategory;
import org.hospital.surveillance.events.casereport.CaseReport;
import org.hospital.surveillance.events.casereport.DeviceAssociation;
import org.hospital.surveillance.events.casereport.InfectionSite;
import org.junit.jupiter.api.Test;

class CaseReportSubmissionTest {
    private static final String HAI = json("{'caseId':'C-001','patientId':'P-108','wardId':'ICU-1','category':'HAI',"
            + "'infectionSite':'PNEU','organism':'Acinetobacter baumannii','phenotype':'CRAB',"
            + "'onsetAt':'2026-03-08T06:00:00Z','deviceAssociation':'VENTILATOR'}");
    private static final String NOTIFIABLE = json("{'caseId':'C-002','patientId':'P-109','wardId':'ED',"
            + "'category':'NOTIFIABLE','disease':'Tuberculosis','diagnosedAt':'2026-03-09T10:00:00Z'}");

    private final SubmissionReading reading = SubmissionReading.atNoon();

    @Test
    void anHaiBecomesTheFact() {
        assertThat(reading.valid(HAI, CaseReportSubmission.class).toFact()).isEqualTo(new CaseReport("C-001", "P-108",
                "ICU-1", CaseCategory.HAI, InfectionSite.PNEU, "Acinetobacter baumannii", "CRAB",
                Instant.parse("2026-03-08T06:00:00Z"), DeviceAssociation.VENTILATOR, null, null));
    }

    @Test
    void aNotifiableDiseaseNeedsNoSiteOrOnset() {
        assertThat(reading.valid(NOTIFIABLE, CaseReportSubmission.class).toFact()).isEqualTo(new CaseReport("C-002",
                "P-109", "ED", CaseCategory.NOTIFIABLE, null, null, null, null, null, "Tuberculosis",
                Instant.parse("2026-03-09T10:00:00Z")));
    }

    @Test
    void anHaiNeedsItsSiteAndOnset() {
        String body = HAI.replace("\"infectionSite\":\"PNEU\",", "").replace("\"onsetAt\":\"2026-03-08T06:00:00Z\",", "");

        assertThat(reading.problems(body, CaseReportSubmission.class)).containsExactlyInAnyOrder(
                new FieldProblem("infectionSite", "is required when category is HAI"),
                new FieldProblem("onsetAt", "is required when category is HAI"));
    }

    @Test
    void aNotifiableDiseaseNeedsItsNameAndDiagnosisTime() {
        String body = NOTIFIABLE.replace("Tuberculosis", " ").replace(",\"diagnosedAt\":\"2026-03-09T10:00:00Z\"", "");

        assertThat(reading.problems(body, CaseReportSubmission.class)).containsExactlyInAnyOrder(
                new FieldProblem("disease", "is required when category is NOTIFIABLE"),
                new FieldProblem("diagnosedAt", "is required when category is NOTIFIABLE"));
    }

    @Test
    void enumValuesAreCheckedAgainstTheirLists() {
        String body = HAI.replace("\"PNEU\"", "\"LUNG\"").replace("\"VENTILATOR\"", "\"PICC\"").replace("\"HAI\"", "\"CAI\"");

        assertThat(reading.problems(body, CaseReportSubmission.class)).containsExactlyInAnyOrder(
                new FieldProblem("category", "must be one of [HAI, NOTIFIABLE]"),
                new FieldProblem("infectionSite", "must be one of [BSI, SSI, UTI, PNEU, GI, SKIN, OTHER]"),
                new FieldProblem("deviceAssociation", "must be one of [CENTRAL_LINE, URINARY_CATHETER, VENTILATOR]"));
    }

    @Test
    void onsetAndDiagnosisCannotLieInTheFuture() {
        assertThat(reading.problems(HAI.replace("2026-03-08T06:00:00Z", "2026-03-20T06:00:00Z"), CaseReportSubmission.class))
                .extracting(FieldProblem::field).containsExactly("onsetAt");
        assertThat(reading.problems(NOTIFIABLE.replace("2026-03-09T10:00:00Z", "2026-03-12T10:00:00Z"),
                CaseReportSubmission.class)).extracting(FieldProblem::field).containsExactly("diagnosedAt");
    }

    @Test
    void anEmptyReportNamesItsKeysAndCategory() {
        assertThat(reading.problems("{}", CaseReportSubmission.class)).extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("caseId", "patientId", "wardId", "category");
    }

    @Test
    void aRetractionNeedsAReason() {
        assertThat(reading.valid(json("{'reason':'colonisation, not infection'}"), RetractionSubmission.class)
                .toCommand("C-001")).isEqualTo(new RetractCaseReport("C-001", "colonisation, not infection"));
        assertThat(reading.problems("{}", RetractionSubmission.class))
                .containsExactly(new FieldProblem("reason", "must not be blank"));
        assertThat(reading.problems(json("{'reason':' '}"), RetractionSubmission.class))
                .containsExactly(new FieldProblem("reason", "must not be blank"));
    }
}

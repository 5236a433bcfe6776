package org.hospital.surveillance.command.labresult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.surveillance.command.intake.SubmissionReading.json;

import java.time.Instant;
import java.util.List;
import org.hospital.surveillance.command.intake.FieldProblem;
import org.hospital.surveillance.command.intake.SubmissionReading;
import org.hospital.surveillance.events.labresult.CultureResult;
import org.hospital.surveillance.events.labresult.Interpretation;
import org.hospital.surveillance.events.labresult.LabResult;
import org.hospital.surveillance.events.labresult.SpecimenType;
import org.hospital.surveillance.events.labresult.Susceptibility;
import org.junit.jupiter.api.Test;

class LabResultSubmissionTest {
    private static final String POSITIVE = json("{'accessionNumber':'L-001','patientId':'P-101','wardId':'ICU-1',"
            + "'admittedAt':'2026-03-01T08:00:00Z','specimenType':'BLOOD','collectedAt':'2026-03-05T10:00:00Z',"
            + "'result':'POSITIVE','organism':'Staphylococcus aureus','phenotype':'MRSA',"
            + "'susceptibility':[{'antibiotic':'Oxacillin','interpretation':'R'}]}");

    private final SubmissionReading reading = SubmissionReading.atNoon();

    @Test
    void aPositiveCultureWithItsAntibiogramBecomesTheFact() {
        LabResult fact = reading.valid(POSITIVE, LabResultSubmission.class).toFact();

        assertThat(fact).isEqualTo(new LabResult("L-001", "P-101", "ICU-1", Instant.parse("2026-03-01T08:00:00Z"),
                SpecimenType.BLOOD, Instant.parse("2026-03-05T10:00:00Z"), CultureResult.POSITIVE,
                "Staphylococcus aureus", "MRSA", List.of(new Susceptibility("Oxacillin", Interpretation.R))));
    }

    @Test
    void aPositiveCultureNeedsItsOrganism() {
        assertThat(reading.problems(POSITIVE.replace("\"organism\":\"Staphylococcus aureus\",", ""), LabResultSubmission.class))
                .containsExactly(new FieldProblem("organism", "is required when result is POSITIVE"));
        assertThat(reading.problems(POSITIVE.replace("Staphylococcus aureus", "  "), LabResultSubmission.class))
                .containsExactly(new FieldProblem("organism", "is required when result is POSITIVE"));
    }

    @Test
    void aNegativeCultureNeedsNoOrganismAndBlankTextsBecomeAbsent() {
        String negative = json("{'accessionNumber':'L-002','patientId':'P-101','wardId':'ICU-1',"
                + "'admittedAt':'2026-03-01T08:00:00Z','specimenType':'SCREENING_SWAB',"
                + "'collectedAt':'2026-03-05T10:00:00Z','result':'NEGATIVE','organism':'','phenotype':' '}");

        LabResult fact = reading.valid(negative, LabResultSubmission.class).toFact();

        assertThat(fact.organism()).isNull();
        assertThat(fact.phenotype()).isNull();
        assertThat(fact.susceptibility()).isEmpty();
    }

    @Test
    void unknownEnumValuesNameTheFieldAndTheAllowedValues() {
        String body = POSITIVE.replace("\"BLOOD\"", "\"BLOODY\"").replace("\"POSITIVE\"", "\"MAYBE\"");

        assertThat(reading.problems(body, LabResultSubmission.class)).containsExactlyInAnyOrder(
                new FieldProblem("specimenType", "must be one of [BLOOD, URINE, SPUTUM, WOUND, CSF, STOOL, SCREENING_SWAB, OTHER]"),
                new FieldProblem("result", "must be one of [POSITIVE, NEGATIVE]"));
    }

    @Test
    void enumValuesAreCaseSensitiveLikeTheContract() {
        assertThat(reading.problems(POSITIVE.replace("\"BLOOD\"", "\"blood\""), LabResultSubmission.class))
                .extracting(FieldProblem::field).containsExactly("specimenType");
    }

    @Test
    void antibiogramLinesAreNamedByTheirPosition() {
        String body = POSITIVE.replace("[{\"antibiotic\":\"Oxacillin\",\"interpretation\":\"R\"}]",
                json("[{'antibiotic':'Oxacillin','interpretation':'R'},{'antibiotic':' ','interpretation':'X'},null]"));

        assertThat(reading.problems(body, LabResultSubmission.class)).containsExactlyInAnyOrder(
                new FieldProblem("susceptibility[1].interpretation", "must be one of [S, I, R]"),
                new FieldProblem("susceptibility[1].antibiotic", "must not be blank"),
                new FieldProblem("susceptibility[2]", "must not be null"));
    }

    @Test
    void anAntibiogramMustBeAList() {
        String body = POSITIVE.replace("[{\"antibiotic\":\"Oxacillin\",\"interpretation\":\"R\"}]", "\"R\"");

        assertThat(reading.problems(body, LabResultSubmission.class))
                .containsExactly(new FieldProblem("susceptibility", "must be a JSON array"));
    }

    @Test
    void timesMustBeInstantsAndAnOffsetIsConvertedToUtc() {
        assertThat(reading.problems(POSITIVE.replace("2026-03-05T10:00:00Z", "2026-03-05"), LabResultSubmission.class))
                .containsExactly(new FieldProblem("collectedAt", "must be an ISO-8601 instant such as 2026-03-05T10:00:00Z"));
        assertThat(reading.valid(POSITIVE.replace("2026-03-05T10:00:00Z", "2026-03-05T11:00:00+01:00"),
                LabResultSubmission.class).collectedAt()).isEqualTo(Instant.parse("2026-03-05T10:00:00Z"));
    }

    @Test
    void collectionAndAdmissionCannotLieInTheFuture() {
        String body = POSITIVE.replace("2026-03-01T08:00:00Z", "2026-03-10T12:05:01Z")
                .replace("2026-03-05T10:00:00Z", "2026-04-01T00:00:00Z");

        assertThat(reading.problems(body, LabResultSubmission.class)).containsExactlyInAnyOrder(
                new FieldProblem("admittedAt", "must not be in the future (it is 2026-03-10T12:00:00Z now)"),
                new FieldProblem("collectedAt", "must not be in the future (it is 2026-03-10T12:00:00Z now)"));
    }

    @Test
    void aCollectionFiveMinutesAheadIsClockDriftNotTheFuture() {
        assertThat(reading.problems(POSITIVE.replace("2026-03-05T10:00:00Z", "2026-03-10T12:05:00Z"),
                LabResultSubmission.class)).isEmpty();
    }

    @Test
    void aCollectionBeforeAdmissionIsAccepted() {
        assertThat(reading.problems(POSITIVE.replace("2026-03-05T10:00:00Z", "2026-02-28T10:00:00Z"),
                LabResultSubmission.class)).isEmpty();
    }

    @Test
    void anEmptyBodyNamesEveryRequiredField() {
        assertThat(reading.problems("{}", LabResultSubmission.class)).extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("accessionNumber", "patientId", "wardId", "admittedAt", "specimenType",
                        "collectedAt", "result");
    }
}

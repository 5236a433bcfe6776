package org.hospital.surveillance.command.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.surveillance.command.intake.SubmissionReading.json;

import java.time.Instant;
import org.hospital.surveillance.command.intake.FieldProblem;
import org.hospital.surveillance.command.intake.SubmissionReading;
import org.hospital.surveillance.events.environment.DisinfectantUse;
import org.hospital.surveillance.events.environment.EnvironmentSample;
import org.hospital.surveillance.events.environment.HandDisinfection;
import org.hospital.surveillance.events.environment.SampleType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentSampleSubmissionTest {
    private final SubmissionReading reading = SubmissionReading.atNoon();

    @Test
    void anAirPlateBecomesTheFact() {
        EnvironmentSample fact = reading.valid(sample("'sampleType':'AIR','environmentClass':'II'", "2.0"),
                EnvironmentSampleSubmission.class).toFact();

        assertThat(fact).isEqualTo(new EnvironmentSample("E-001", "ICU-1", SampleType.AIR,
                org.hospital.surveillance.events.environment.EnvironmentClass.II, null, null, 2.0,
                Instant.parse("2026-03-03T09:00:00Z")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "AIR with its class                 | 'sampleType':'AIR','environmentClass':'I'",
            "SURFACE with its class             | 'sampleType':'SURFACE','environmentClass':'IV'",
            "HANDS with the disinfection kind   | 'sampleType':'HANDS','handDisinfection':'SURGICAL'",
            "DISINFECTANT_IN_USE with its use   | 'sampleType':'DISINFECTANT_IN_USE','disinfectantUse':'SKIN_MUCOSA'",
            "STERILE_STORAGE_FLUID alone        | 'sampleType':'STERILE_STORAGE_FLUID'",
            "STERILIZED_ITEM alone              | 'sampleType':'STERILIZED_ITEM'",
            "explicit nulls count as absent     | 'sampleType':'STERILIZED_ITEM','environmentClass':null"})
    void eachSampleTypeTakesItsOwnQualifier(String description, String typeAndQualifier) {
        assertThat(reading.problems(sample(typeAndQualifier, "0"), EnvironmentSampleSubmission.class)).isEmpty();
    }

    @ParameterizedTest(name = "{0} without {1}")
    @CsvSource({
            "AIR, environmentClass", "SURFACE, environmentClass",
            "HANDS, handDisinfection", "DISINFECTANT_IN_USE, disinfectantUse"})
    void aSampleTypeWithoutItsQualifierNamesIt(String sampleType, String qualifier) {
        assertThat(reading.problems(sample("'sampleType':'" + sampleType + "'", "1"), EnvironmentSampleSubmission.class))
                .containsExactly(new FieldProblem(qualifier, "is required when sampleType is " + sampleType));
    }

    @Test
    void aQualifierForAnotherSampleTypeIsRefused() {
        assertThat(reading.problems(sample("'sampleType':'AIR','environmentClass':'II','handDisinfection':'HYGIENIC'", "1"),
                EnvironmentSampleSubmission.class))
                .containsExactly(new FieldProblem("handDisinfection", "must be absent: AIR samples do not take it"));
        assertThat(reading.problems(sample("'sampleType':'STERILIZED_ITEM','environmentClass':'I','disinfectantUse':'OTHER'",
                "0"), EnvironmentSampleSubmission.class)).containsExactlyInAnyOrder(
                new FieldProblem("environmentClass", "must be absent: STERILIZED_ITEM samples do not take it"),
                new FieldProblem("disinfectantUse", "must be absent: STERILIZED_ITEM samples do not take it"));
    }

    @Test
    void aQualifierIsNotJudgedWhenTheSampleTypeItselfIsBad() {
        assertThat(reading.problems(sample("'sampleType':'WATER','handDisinfection':'HYGIENIC'", "1"),
                EnvironmentSampleSubmission.class)).containsExactly(new FieldProblem("sampleType",
                "must be one of [AIR, SURFACE, HANDS, DISINFECTANT_IN_USE, STERILE_STORAGE_FLUID, STERILIZED_ITEM]"));
    }

    @Test
    void qualifierValuesAreCheckedAgainstTheirLists() {
        assertThat(reading.problems(sample("'sampleType':'AIR','environmentClass':'V'", "1"),
                EnvironmentSampleSubmission.class))
                .containsExactly(new FieldProblem("environmentClass", "must be one of [I, II, III, IV]"));
        assertThat(reading.problems(sample("'sampleType':'HANDS','handDisinfection':'SOAP'", "1"),
                EnvironmentSampleSubmission.class))
                .containsExactly(new FieldProblem("handDisinfection", "must be one of [HYGIENIC, SURGICAL]"));
    }

    @Test
    void cfuIsANonNegativeNumber() {
        assertThat(reading.problems(sample("'sampleType':'AIR','environmentClass':'II'", "-0.1"),
                EnvironmentSampleSubmission.class))
                .containsExactly(new FieldProblem("cfu", "must be greater than or equal to 0"));
        assertThat(reading.problems(sample("'sampleType':'AIR','environmentClass':'II'", "'2'"),
                EnvironmentSampleSubmission.class)).containsExactly(new FieldProblem("cfu", "must be a number"));
        assertThat(reading.valid(sample("'sampleType':'AIR','environmentClass':'II'", "4"),
                EnvironmentSampleSubmission.class).cfu()).isEqualTo(4.0);
    }

    @Test
    void aCollectionInTheFutureIsRefused() {
        String body = sample("'sampleType':'HANDS','handDisinfection':'HYGIENIC'", "1")
                .replace("2026-03-03T09:00:00Z", "2026-03-11T09:00:00Z");

        assertThat(reading.problems(body, EnvironmentSampleSubmission.class)).extracting(FieldProblem::field)
                .containsExactly("collectedAt");
    }

    @Test
    void anEmptyBodyNamesEveryRequiredField() {
        assertThat(reading.problems("{}", EnvironmentSampleSubmission.class)).extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("sampleId", "wardId", "sampleType", "cfu", "collectedAt");
    }

    @Test
    void theDisinfectantUseIsKept() {
        assertThat(reading.valid(sample("'sampleType':'DISINFECTANT_IN_USE','disinfectantUse':'STERILANT'", "0"),
                EnvironmentSampleSubmission.class).toFact().disinfectantUse()).isEqualTo(DisinfectantUse.STERILANT);
        assertThat(reading.valid(sample("'sampleType':'HANDS','handDisinfection':'HYGIENIC'", "0"),
                EnvironmentSampleSubmission.class).toFact().handDisinfection()).isEqualTo(HandDisinfection.HYGIENIC);
    }

    private static String sample(String typeAndQualifier, String cfu) {
        return json("{'sampleId':'E-001','wardId':'ICU-1'," + typeAndQualifier + ",'cfu':" + cfu
                + ",'collectedAt':'2026-03-03T09:00:00Z'}");
    }
}

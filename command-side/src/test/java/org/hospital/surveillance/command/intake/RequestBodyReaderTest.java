package org.hospital.surveillance.command.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.surveillance.command.intake.SubmissionReading.json;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.hospital.surveillance.command.casereport.CaseReportSubmission;
import org.hospital.surveillance.command.casereport.RetractionSubmission;
import org.hospital.surveillance.command.census.WardCensusSubmission;
import org.hospital.surveillance.command.environment.EnvironmentSampleSubmission;
import org.hospital.surveillance.command.labresult.LabResultSubmission;
import org.hospital.surveillance.command.sterilization.BiologicalReadingSubmission;
import org.hospital.surveillance.command.sterilization.SterilizationLoadSubmission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the one reader of request bodies refuses beyond the per-stream rules: the body's shape itself. */
@Timeout(10)
class RequestBodyReaderTest {
    static final String CENSUS = json("{'wardId':'ICU-1','date':'2026-03-01','patientsPresent':18,'admissions':2,"
            + "'centralLineDays':6,'urinaryCatheterDays':8,'ventilatorDays':4}");
    static final String LAB = json("{'accessionNumber':'L-001','patientId':'P-101','wardId':'ICU-1',"
            + "'admittedAt':'2026-03-01T08:00:00Z','specimenType':'BLOOD','collectedAt':'2026-03-05T10:00:00Z',"
            + "'result':'POSITIVE','organism':'Staphylococcus aureus','phenotype':'MRSA',"
            + "'susceptibility':[{'antibiotic':'Oxacillin','interpretation':'R'}]}");
    static final String SAMPLE = json("{'sampleId':'E-1','wardId':'ICU-1','sampleType':'AIR','environmentClass':'II',"
            + "'cfu':3.5,'collectedAt':'2026-03-03T09:00:00Z'}");
    static final String LOAD = json("{'loadId':'S-1','sterilizerId':'S1','cycleType':'PREVACUUM_STEAM',"
            + "'completedAt':'2026-03-02T07:00:00Z','bowieDick':'PASS','chemicalIndicator':'PASS',"
            + "'biologicalIndicator':'PENDING','packs':40}");
    static final String READING = json("{'result':'PASS','readAt':'2026-03-03T07:00:00Z'}");
    static final String CASE = json("{'caseId':'C-1','patientId':'P-108','wardId':'ICU-1','category':'HAI',"
            + "'infectionSite':'PNEU','onsetAt':'2026-03-08T06:00:00Z'}");
    static final String RETRACTION = json("{'reason':'colonisation, not infection'}");

    private final SubmissionReading reading = SubmissionReading.atNoon();

    static Stream<Arguments> everyWriteBody() {
        return Stream.of(
                Arguments.of(CENSUS, WardCensusSubmission.class),
                Arguments.of(LAB, LabResultSubmission.class),
                Arguments.of(SAMPLE, EnvironmentSampleSubmission.class),
                Arguments.of(LOAD, SterilizationLoadSubmission.class),
                Arguments.of(READING, BiologicalReadingSubmission.class),
                Arguments.of(CASE, CaseReportSubmission.class),
                Arguments.of(RETRACTION, RetractionSubmission.class));
    }

    @ParameterizedTest
    @MethodSource("everyWriteBody")
    void eachBodyAsGivenIsValid(String body, Class<?> type) {
        assertThat(reading.problems(body, type)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("everyWriteBody")
    void anUnknownFieldIsNamedInEveryStream(String body, Class<?> type) {
        String misspelt = body.replaceFirst("\\{\"", "{\"phenotyp\":\"MRSA\",\"");

        assertThat(reading.problems(misspelt, type)).containsExactly(new FieldProblem("phenotyp", "is not a known field"));
    }

    @ParameterizedTest
    @MethodSource("everyWriteBody")
    void aFieldGivenTwiceIsNamed(String body, Class<?> type) {
        String firstField = body.substring(2, body.indexOf('"', 2));
        String twice = body.replaceFirst("}$", ",\"" + firstField + "\":null}");

        assertThat(reading.problems(twice, type)).containsExactly(new FieldProblem(firstField, "is given more than once"));
    }

    @ParameterizedTest
    @MethodSource("everyWriteBody")
    void contentAfterTheObjectIsRefused(String body, Class<?> type) {
        assertThat(reading.problems(body + " {\"wardId\":\"ICU-2\"}", type))
                .containsExactly(new FieldProblem("body", "must end after its JSON object: there is content after it"));
        assertThat(reading.problems(body + "x", type)).extracting(FieldProblem::field).containsExactly("body");
    }

    @Test
    void unknownFieldsAreNamedWhereTheyAreAndWithEveryOtherProblem() {
        String body = LAB.replace("\"interpretation\":\"R\"", "\"interpretation\":\"R\",\"mic\":{\"value\":[1,2]}")
                .replace("\"patientId\":\"P-101\"", "\"patientId\":101,\"patient\":\"P-101\"");

        assertThat(reading.problems(body, LabResultSubmission.class)).containsExactlyInAnyOrder(
                new FieldProblem("patientId", "must be a string"),
                new FieldProblem("patient", "is not a known field"),
                new FieldProblem("susceptibility[0].mic", "is not a known field"));
    }

    @Test
    void aKeyGivenTwiceInsideAListIsNamedByItsPath() {
        String body = LAB.replace("\"interpretation\":\"R\"", "\"interpretation\":\"R\",\"antibiotic\":\"Vancomycin\"");

        assertThat(reading.problems(body, LabResultSubmission.class))
                .containsExactly(new FieldProblem("susceptibility[0].antibiotic", "is given more than once"));
    }

    @Test
    void anObjectOrArrayWhereAValueBelongsIsNamed() {
        String body = CENSUS.replace("\"ICU-1\"", "{\"id\":\"ICU-1\"}").replace("18", "[18]");

        assertThat(reading.problems(body, WardCensusSubmission.class)).containsExactly(
                new FieldProblem("wardId", "must be a string"),
                new FieldProblem("patientsPresent", "must be a whole number"));
    }

    @Test
    void bodiesThatAreNotAnObjectAreNamedAsTheBody() {
        for (String notAnObject : new String[] {"[]", "[{}]", "\"C-1\"", "42", "true", "null"}) {
            assertThat(reading.problems(notAnObject, CaseReportSubmission.class)).as(notAnObject)
                    .containsExactly(new FieldProblem("body", "must be a JSON object"));
        }
        assertThat(reading.problems("  ", CaseReportSubmission.class)).containsExactly(new FieldProblem("body", "is required"));
    }

    @Test
    void numbersOutOfRangeAreNamedNotWrapped() {
        String body = CENSUS.replace("18", "4294967314").replace("\"admissions\":2", "\"admissions\":1e3")
                .replace("\"ventilatorDays\":4", "\"ventilatorDays\":" + "9".repeat(200));

        assertThat(reading.problems(body, WardCensusSubmission.class)).containsExactly(
                new FieldProblem("patientsPresent", "must be a whole number"),
                new FieldProblem("admissions", "must be a whole number"),
                new FieldProblem("ventilatorDays", "must be a whole number"));
        assertThat(reading.problems(SAMPLE.replace("3.5", "1e400"), EnvironmentSampleSubmission.class))
                .containsExactly(new FieldProblem("cfu", "must be a number"));
    }

    @Test
    void instantsBeyondYear9999OrAsEpochNumbersAreRefused() {
        assertThat(reading.problems(CASE.replace("2026-03-08T06:00:00Z", "+99999-03-08T06:00:00Z"), CaseReportSubmission.class))
                .containsExactly(new FieldProblem("onsetAt", "must be an ISO-8601 instant such as 2026-03-05T10:00:00Z"));
        assertThat(reading.problems(CASE.replace("\"2026-03-08T06:00:00Z\"", "1772949600"), CaseReportSubmission.class))
                .containsExactly(new FieldProblem("onsetAt", "must be an ISO-8601 instant such as 2026-03-05T10:00:00Z"));
        assertThat(reading.problems(CENSUS.replace("2026-03-01", "99999-03-01"), WardCensusSubmission.class))
                .containsExactly(new FieldProblem("date", "must be a date YYYY-MM-DD"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\\u0000", "\\u0007", "\\u000b", "\\u001b", "\\u001f", "\\u007f", "\u007f", "\\u0080", "\\u0085",
            "\u0085", "\\u009f"})
    void aControlCharacterOtherThanTabLineFeedOrCarriageReturnIsRefusedInAText(String control) {
        assertThat(reading.problems(RETRACTION.replace("colonisation", "colonisation" + control), RetractionSubmission.class))
                .containsExactly(new FieldProblem("reason",
                        "must not contain control characters other than tab, line feed and carriage return"));
    }

    @Test
    void tabLineFeedCarriageReturnAndTheCharactersNextToTheControlsAreText() {
        // the neighbours of the refused ranges: space (U+0020), tilde (U+007E), no-break space (U+00A0)
        String body = RETRACTION.replace("colonisation", "colonisation\\t\\r\\n \\u007e\\u00a0");

        assertThat(reading.valid(body, RetractionSubmission.class).reason()).isEqualTo("colonisation\t\r\n ~\u00a0, not infection");
    }

    @Test
    void aRawNulIsNotWellFormedJson() {
        byte[] rawNul = RETRACTION.replace("colonisation", "colonisation\0").getBytes(StandardCharsets.UTF_8);
        assertThat(reading.problems(rawNul, RetractionSubmission.class)).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("reason");
            assertThat(problem.message()).startsWith("is not well-formed JSON");
        });
    }

    @Test
    void invalidUtf8IsAMalformedBody() {
        byte[] body = RETRACTION.getBytes(StandardCharsets.UTF_8);
        body[12] = (byte) 0xC3; // a lead byte followed by an ASCII letter
        assertThat(reading.problems(body, RetractionSubmission.class)).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("reason");
            assertThat(problem.message()).startsWith("is not well-formed JSON");
        });
        assertThat(reading.problems(new byte[] {'{', (byte) 0xFF, '}'}, RetractionSubmission.class))
                .extracting(FieldProblem::field).containsExactly("body");
    }

    @Test
    void deepNestingStopsAtJacksonsLimit() {
        String deep = "{\"reason\":\"x\",\"extra\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThat(reading.problems(deep, RetractionSubmission.class)).contains(new FieldProblem("extra", "is not a known field"))
                .anySatisfy(problem -> assertThat(problem.message()).startsWith("is beyond the limits of a request body"));
    }

    @Test
    void numbersAreNotTextsAndBooleansAreNotNumbers() {
        assertThat(reading.problems(RETRACTION.replace("\"colonisation, not infection\"", "12"), RetractionSubmission.class))
                .containsExactly(new FieldProblem("reason", "must be a string"));
        assertThat(reading.problems(LOAD.replace("40", "true"), SterilizationLoadSubmission.class))
                .containsExactly(new FieldProblem("packs", "must be a whole number"));
    }
}

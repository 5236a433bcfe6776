package org.hospital.surveillance.app.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.surveillance.app.write.TestJson.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;

/**
 * Every validation rule of the write API over real HTTP: a 400 application/problem+json whose
 * {@code errors} name exactly the bad fields, and nothing appended to the event store.
 */
class WriteValidationTest extends RunningPlatform {
    private static final String CENSUS = json("{'wardId':'ICU-V','date':'2026-03-01','patientsPresent':18,'admissions':2,"
            + "'centralLineDays':6,'urinaryCatheterDays':8,'ventilatorDays':4}");
    private static final String LAB = json("{'accessionNumber':'L-V','patientId':'P-101','wardId':'ICU-1',"
            + "'admittedAt':'2026-03-01T08:00:00Z','specimenType':'BLOOD','collectedAt':'2026-03-05T10:00:00Z',"
            + "'result':'POSITIVE','organism':'Staphylococcus aureus','phenotype':'MRSA',"
            + "'susceptibility':[{'antibiotic':'Oxacillin','interpretation':'R'}]}");
    private static final String LOAD = json("{'loadId':'S-V','sterilizerId':'S1','cycleType':'PREVACUUM_STEAM',"
            + "'completedAt':'2026-03-02T07:00:00Z','bowieDick':'PASS','chemicalIndicator':'PASS',"
            + "'biologicalIndicator':'PENDING','packs':40}");
    private static final String HAI = json("{'caseId':'C-V','patientId':'P-108','wardId':'ICU-1','category':'HAI',"
            + "'infectionSite':'PNEU','organism':'Acinetobacter baumannii','phenotype':'CRAB',"
            + "'onsetAt':'2026-03-08T06:00:00Z','deviceAssociation':'VENTILATOR'}");
    private static final String NOTIFIABLE = json("{'caseId':'C-VN','patientId':'P-109','wardId':'ED',"
            + "'category':'NOTIFIABLE','disease':'Tuberculosis','diagnosedAt':'2026-03-09T10:00:00Z'}");
    private static final String TOMORROW = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    private static final String KEY = "must be a non-blank identifier of at most 100 characters, without control characters or surrounding spaces";

    @BeforeAll
    static void recordKnownFacts() {
        // known facts for the rules that need one: a completed load and a reported case
        submissions.post("nurse1", "/api/sterilization-loads", LOAD.replace("S-V", "S-KNOWN")).expectStatus().isCreated();
        submissions.post("nurse1", "/api/case-reports", HAI.replace("C-V", "C-KNOWN")).expectStatus().isCreated();
    }

    static Stream<Arguments> invalidSubmissions() {
        return Stream.of(
                // ward census
                invalid("census without ward", "nurse1", "/api/ward-census", CENSUS.replace("\"wardId\":\"ICU-V\",", ""),
                        "wardId", KEY),
                invalid("census ward with surrounding spaces", "nurse1", "/api/ward-census", CENSUS.replace("ICU-V", " ICU-V "),
                        "wardId", KEY),
                invalid("census without date", "nurse1", "/api/ward-census", CENSUS.replace("\"date\":\"2026-03-01\",", ""),
                        "date", "must not be null"),
                invalid("census date not a date", "nurse1", "/api/ward-census", CENSUS.replace("2026-03-01", "1 March"),
                        "date", "must be a date YYYY-MM-DD"),
                invalid("census dated tomorrow", "nurse1", "/api/ward-census",
                        CENSUS.replace("2026-03-01", LocalDate.now(ZoneOffset.UTC).plusDays(1).toString()), "date", null),
                invalid("census without counts", "nurse1", "/api/ward-census",
                        json("{'wardId':'ICU-V','date':'2026-03-01'}"),
                        "patientsPresent", "must not be null", "admissions", "must not be null",
                        "centralLineDays", "must not be null", "urinaryCatheterDays", "must not be null",
                        "ventilatorDays", "must not be null"),
                invalid("census negative counts", "nurse1", "/api/ward-census",
                        json("{'wardId':'ICU-V','date':'2026-03-01','patientsPresent':-1,'admissions':-2,"
                                + "'centralLineDays':-1,'urinaryCatheterDays':-1,'ventilatorDays':-1}"),
                        "patientsPresent", "must be greater than or equal to 0",
                        "admissions", "must be greater than or equal to 0",
                        "centralLineDays", "must be greater than or equal to 0",
                        "urinaryCatheterDays", "must be greater than or equal to 0",
                        "ventilatorDays", "must be greater than or equal to 0"),
                invalid("census device-days above patients present", "nurse1", "/api/ward-census",
                        json("{'wardId':'ICU-V','date':'2026-03-01','patientsPresent':5,'admissions':2,"
                                + "'centralLineDays':6,'urinaryCatheterDays':7,'ventilatorDays':8}"),
                        "centralLineDays", "must not exceed patientsPresent (5)",
                        "urinaryCatheterDays", "must not exceed patientsPresent (5)",
                        "ventilatorDays", "must not exceed patientsPresent (5)"),
                invalid("census counts of the wrong type", "nurse1", "/api/ward-census",
                        CENSUS.replace("18", "\"18\"").replace("\"admissions\":2", "\"admissions\":2.5"),
                        "patientsPresent", "must be a whole number", "admissions", "must be a whole number"),
                // lab results
                invalid("positive culture without organism", "lab1", "/api/lab-results",
                        LAB.replace("\"organism\":\"Staphylococcus aureus\",", ""),
                        "organism", "is required when result is POSITIVE"),
                invalid("lab result without its keys and times", "lab1", "/api/lab-results",
                        json("{'result':'NEGATIVE'}"),
                        "accessionNumber", KEY, "patientId", KEY, "wardId", KEY, "admittedAt", "must not be null",
                        "specimenType", "must not be null", "collectedAt", "must not be null"),
                invalid("unknown specimen type and result", "lab1", "/api/lab-results",
                        LAB.replace("\"BLOOD\"", "\"BLOODY\"").replace("\"POSITIVE\"", "\"MAYBE\""),
                        "specimenType", "must be one of [BLOOD, URINE, SPUTUM, WOUND, CSF, STOOL, SCREENING_SWAB, OTHER]",
                        "result", "must be one of [POSITIVE, NEGATIVE]"),
                invalid("bad antibiogram line", "lab1", "/api/lab-results",
                        LAB.replace("{\"antibiotic\":\"Oxacillin\",\"interpretation\":\"R\"}",
                                json("{'antibiotic':'Oxacillin','interpretation':'R'},{'antibiotic':'','interpretation':'RESISTANT'}")),
                        "susceptibility[1].antibiotic", "must not be blank",
                        "susceptibility[1].interpretation", "must be one of [S, I, R]"),
                invalid("collection and admission in the future", "lab1", "/api/lab-results",
                        LAB.replace("2026-03-01T08:00:00Z", TOMORROW).replace("2026-03-05T10:00:00Z", TOMORROW),
                        "admittedAt", null, "collectedAt", null),
                invalid("collection time not an instant", "lab1", "/api/lab-results",
                        LAB.replace("2026-03-05T10:00:00Z", "2026-03-05 10:00"),
                        "collectedAt", "must be an ISO-8601 instant such as 2026-03-05T10:00:00Z"),
                // environment samples
                invalid("air plate without class", "nurse1", "/api/environment-samples", sample("'sampleType':'AIR'", "1"),
                        "environmentClass", "is required when sampleType is AIR"),
                invalid("surface without class", "nurse1", "/api/environment-samples", sample("'sampleType':'SURFACE'", "1"),
                        "environmentClass", "is required when sampleType is SURFACE"),
                invalid("hands without disinfection kind", "nurse1", "/api/environment-samples",
                        sample("'sampleType':'HANDS'", "1"), "handDisinfection", "is required when sampleType is HANDS"),
                invalid("disinfectant without its use", "nurse1", "/api/environment-samples",
                        sample("'sampleType':'DISINFECTANT_IN_USE'", "1"),
                        "disinfectantUse", "is required when sampleType is DISINFECTANT_IN_USE"),
                invalid("air plate with a hand disinfection kind", "nurse1", "/api/environment-samples",
                        sample("'sampleType':'AIR','environmentClass':'II','handDisinfection':'HYGIENIC'", "1"),
                        "handDisinfection", "must be absent: AIR samples do not take it"),
                invalid("hands with a class and a disinfectant use", "nurse1", "/api/environment-samples",
                        sample("'sampleType':'HANDS','handDisinfection':'HYGIENIC','environmentClass':'II','disinfectantUse':'OTHER'", "1"),
                        "environmentClass", "must be absent: HANDS samples do not take it",
                        "disinfectantUse", "must be absent: HANDS samples do not take it"),
                invalid("sterilized item with a class", "nurse1", "/api/environment-samples",
                        sample("'sampleType':'STERILIZED_ITEM','environmentClass':'I'", "0"),
                        "environmentClass", "must be absent: STERILIZED_ITEM samples do not take it"),
                invalid("negative cfu", "nurse1", "/api/environment-samples",
                        sample("'sampleType':'AIR','environmentClass':'II'", "-1"), "cfu", "must be greater than or equal to 0"),
                invalid("cfu as text", "nurse1", "/api/environment-samples",
                        sample("'sampleType':'AIR','environmentClass':'II'", "'few'"), "cfu", "must be a number"),
                invalid("unknown sample type and class", "nurse1", "/api/environment-samples",
                        sample("'sampleType':'WATER','environmentClass':'V'", "1"),
                        "sampleType", "must be one of [AIR, SURFACE, HANDS, DISINFECTANT_IN_USE, STERILE_STORAGE_FLUID, STERILIZED_ITEM]",
                        "environmentClass", "must be one of [I, II, III, IV]"),
                invalid("sample collected tomorrow", "nurse1", "/api/environment-samples",
                        sample("'sampleType':'AIR','environmentClass':'II'", "1").replace("2026-03-03T09:00:00Z", TOMORROW),
                        "collectedAt", null),
                invalid("sample without anything", "nurse1", "/api/environment-samples", "{}",
                        "sampleId", KEY, "wardId", KEY, "sampleType", "must not be null", "cfu", "must not be null",
                        "collectedAt", "must not be null"),
                // sterilization loads and readings
                invalid("negative packs", "nurse1", "/api/sterilization-loads", LOAD.replace("40", "-1"),
                        "packs", "must be greater than or equal to 0"),
                invalid("unknown indicator values", "nurse1", "/api/sterilization-loads",
                        LOAD.replace("PREVACUUM_STEAM", "DRY_HEAT").replace("\"bowieDick\":\"PASS\"", "\"bowieDick\":\"SKIPPED\"")
                                .replace("\"chemicalIndicator\":\"PASS\"", "\"chemicalIndicator\":\"PENDING\"")
                                .replace("\"biologicalIndicator\":\"PENDING\"", "\"biologicalIndicator\":\"LATER\""),
                        "cycleType", "must be one of [PREVACUUM_STEAM, GRAVITY_STEAM, LOW_TEMP_PLASMA, ETHYLENE_OXIDE]",
                        "bowieDick", "must be one of [PASS, FAIL, NOT_DONE]",
                        "chemicalIndicator", "must be one of [PASS, FAIL]",
                        "biologicalIndicator", "must be one of [PASS, FAIL, PENDING]"),
                invalid("load without anything", "nurse1", "/api/sterilization-loads", "{}",
                        "loadId", KEY, "sterilizerId", KEY, "cycleType", "must not be null", "completedAt", "must not be null",
                        "bowieDick", "must not be null", "chemicalIndicator", "must not be null",
                        "biologicalIndicator", "must not be null", "packs", "must not be null"),
                invalid("load completed tomorrow", "nurse1", "/api/sterilization-loads",
                        LOAD.replace("2026-03-02T07:00:00Z", TOMORROW), "completedAt", null),
                invalid("biological reading still pending", "nurse1", "/api/sterilization-loads/S-KNOWN/biological-indicator",
                        json("{'result':'PENDING','readAt':'2026-03-03T07:00:00Z'}"), "result", "must be one of [PASS, FAIL]"),
                invalid("biological reading tomorrow", "nurse1", "/api/sterilization-loads/S-KNOWN/biological-indicator",
                        json("{'result':'PASS','readAt':'" + TOMORROW + "'}"), "readAt", null),
                invalid("biological reading before the cycle ended", "nurse1",
                        "/api/sterilization-loads/S-KNOWN/biological-indicator",
                        json("{'result':'PASS','readAt':'2026-03-02T06:59:59Z'}"),
                        "readAt", "must not be before the cycle completed (2026-03-02T07:00:00Z)"),
                invalid("biological reading without anything", "nurse1",
                        "/api/sterilization-loads/S-KNOWN/biological-indicator", "{}",
                        "result", "must not be null", "readAt", "must not be null"),
                // case reports
                invalid("HAI without site and onset", "nurse1", "/api/case-reports",
                        HAI.replace("\"infectionSite\":\"PNEU\",", "").replace("\"onsetAt\":\"2026-03-08T06:00:00Z\",", ""),
                        "infectionSite", "is required when category is HAI", "onsetAt", "is required when category is HAI"),
                invalid("notifiable disease without name and diagnosis", "nurse1", "/api/case-reports",
                        NOTIFIABLE.replace("\"disease\":\"Tuberculosis\",", "").replace(",\"diagnosedAt\":\"2026-03-09T10:00:00Z\"", ""),
                        "disease", "is required when category is NOTIFIABLE",
                        "diagnosedAt", "is required when category is NOTIFIABLE"),
                invalid("unknown category", "nurse1", "/api/case-reports", HAI.replace("\"HAI\"", "\"OUTBREAK\""),
                        "category", "must be one of [HAI, NOTIFIABLE]"),
                invalid("unknown site and device", "nurse1", "/api/case-reports",
                        HAI.replace("PNEU", "LUNG").replace("\"VENTILATOR\"", "\"PICC\""),
                        "infectionSite", "must be one of [BSI, SSI, UTI, PNEU, GI, SKIN, OTHER]",
                        "deviceAssociation", "must be one of [CENTRAL_LINE, URINARY_CATHETER, VENTILATOR]"),
                invalid("onset tomorrow", "nurse1", "/api/case-reports", HAI.replace("2026-03-08T06:00:00Z", TOMORROW),
                        "onsetAt", null),
                invalid("diagnosis tomorrow", "nurse1", "/api/case-reports", NOTIFIABLE.replace("2026-03-09T10:00:00Z", TOMORROW),
                        "diagnosedAt", null),
                invalid("case report without its keys", "nurse1", "/api/case-reports", json("{'category':'HAI',"
                                + "'infectionSite':'PNEU','onsetAt':'2026-03-08T06:00:00Z'}"),
                        "caseId", KEY, "patientId", KEY, "wardId", KEY),
                invalid("retraction without reason", "nurse1", "/api/case-reports/C-KNOWN/retraction", "{}",
                        "reason", "must not be blank"),
                // bodies that are not submissions at all
                invalid("malformed JSON", "nurse1", "/api/ward-census", "{\"wardId\": \"ICU-V\",", "body", null),
                invalid("a JSON array instead of an object", "lab1", "/api/lab-results", "[]", "body", "must be a JSON object"),
                invalid("a JSON string instead of an object", "nurse1", "/api/case-reports", "\"C-V\"", "body",
                        "must be a JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSubmissions")
    void anInvalidSubmissionNamesEveryBadFieldAndAppendsNothing(String rule, String user, String path, String body,
            Map<String, String> expected) {
        long before = submissions.factEvents();

        JsonNode problem = submissions.post(user, path, body)
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(problem.path("status").asInt()).isEqualTo(400);
        Map<String, String> named = new LinkedHashMap<>();
        problem.path("errors").forEach(e -> named.put(e.path("field").asText(), e.path("message").asText()));
        assertThat(named.keySet()).as("fields named by %s", problem).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((field, message) -> {
            assertThat(named.get(field)).as("message for %s", field).isNotBlank();
            if (message != null) {
                assertThat(named.get(field)).as("message for %s", field).isEqualTo(message);
            }
        });
        assertThat(submissions.factEvents()).isEqualTo(before);
    }

    @Test
    void aFutureFactIsNamedAsSuch() {
        submissions.post("lab1", "/api/lab-results", LAB.replace("2026-03-05T10:00:00Z", TOMORROW))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("collectedAt")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).startsWith("must not be in the future"));
    }

    @Test
    void aCollectionTwoMinutesAheadOfOurClockIsAccepted() {
        String soon = Instant.now().plus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();

        submissions.post("lab1", "/api/lab-results", LAB.replace("L-V", "L-SOON").replace("2026-03-05T10:00:00Z", soon))
                .expectStatus().isCreated();
    }

    @Test
    void theProblemFollowsRfc9457() {
        submissions.post("nurse1", "/api/ward-census", CENSUS.replace("18", "-18").replace("\"admissions\":2", "\"admissions\":\"two\""))
                .expectStatus().isBadRequest()
                .expectBody().json(json("{'type':'about:blank','title':'Invalid input','status':400,"
                        + "'detail':'2 fields are invalid; see errors.','instance':'/api/ward-census',"
                        + "'errors':[{'field':'admissions','message':'must be a whole number'},"
                        + "{'field':'patientsPresent','message':'must be greater than or equal to 0'}]}"), true);
    }

    @Test
    void aMissingBodyIsNamed() {
        long before = submissions.factEvents();

        platform.as("nurse1").post().uri("/api/ward-census").contentType(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().json(json("{'status':400,'errors':[{'field':'body','message':'is required'}]}"));

        assertThat(submissions.factEvents()).isEqualTo(before);
    }

    @Test
    void malformedJsonSaysWhereItBroke() {
        submissions.post("nurse1", "/api/ward-census", "{\"wardId\": \"ICU-V\",\n  \"date\": }")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("body")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m)
                        .startsWith("is not well-formed JSON").contains("line 2"));
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
        platform.as("nurse1").post().uri("/api/ward-census").contentType(MediaType.TEXT_PLAIN).bodyValue("ICU-1 18 2")
                .exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aClientAcceptingOnlyJsonStillGetsTheProblem() {
        platform.as("nurse1").post().uri("/api/ward-census").contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.length()").isEqualTo(7);
    }

    private static Arguments invalid(String rule, String user, String path, String body, String... fieldsAndMessages) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndMessages.length; i += 2) {
            expected.put(fieldsAndMessages[i], fieldsAndMessages[i + 1]);
        }
        return Arguments.of(rule, user, path, body, expected);
    }

    private static String sample(String typeAndQualifier, String cfu) {
        return json("{'sampleId':'E-V','wardId':'ICU-1'," + typeAndQualifier + ",'cfu':" + cfu
                + ",'collectedAt':'2026-03-03T09:00:00Z'}");
    }
}

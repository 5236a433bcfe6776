package org.hospital.surveillance.app.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.surveillance.app.write.TestJson.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every JSON body of the API over real HTTP through the whole platform: what is not exactly a
 * request of its endpoint (an unknown field, a key given twice, content after the object, a body
 * over the size limit, bytes that are not JSON) is a 4xx application/problem+json naming what is
 * wrong, never a 5xx, and nothing is appended to the event store.
 */
@Timeout(120)
class RequestBodyStrictnessTest extends RunningPlatform {
    private static final String CONTROL_CHARACTERS = "must not contain control characters other than tab, line feed and carriage return";
    private static final String CENSUS = json("{'wardId':'ICU-S','date':'2026-03-01','patientsPresent':18,'admissions':2,"
            + "'centralLineDays':6,'urinaryCatheterDays':8,'ventilatorDays':4}");
    private static final String LAB = json("{'accessionNumber':'L-S','patientId':'P-101','wardId':'ICU-1',"
            + "'admittedAt':'2026-03-01T08:00:00Z','specimenType':'BLOOD','collectedAt':'2026-03-05T10:00:00Z',"
            + "'result':'POSITIVE','organism':'Staphylococcus aureus','phenotype':'MRSA'}");
    private static final String SAMPLE = json("{'sampleId':'E-S','wardId':'ICU-1','sampleType':'AIR','environmentClass':'II',"
            + "'cfu':1,'collectedAt':'2026-03-03T09:00:00Z'}");
    private static final String LOAD = json("{'loadId':'S-S','sterilizerId':'S1','cycleType':'PREVACUUM_STEAM',"
            + "'completedAt':'2026-03-02T07:00:00Z','bowieDick':'PASS','chemicalIndicator':'PASS',"
            + "'biologicalIndicator':'PENDING','packs':40}");
    private static final String READING = json("{'result':'PASS','readAt':'2026-03-03T07:00:00Z'}");
    private static final String CASE = json("{'caseId':'C-S','patientId':'P-108','wardId':'ICU-1','category':'HAI',"
            + "'infectionSite':'PNEU','onsetAt':'2026-03-08T06:00:00Z'}");
    private static final String RETRACTION = json("{'reason':'colonisation, not infection'}");
    private static final String ACKNOWLEDGE = json("{'note':'contact precautions'}");
    private static final String CLOSE = json("{'outcome':'FALSE_ALARM'}");
    private static final String WHAT_IF = json("{'from':'2026-03-01T00:00:00Z','to':'2026-04-01T00:00:00Z'}");
    private static final String SEARCH = json("{'wardId':'ICU-1'}");

    @BeforeAll
    void recordKnownFacts() {
        // a recorded load and case, so that a reading or a retraction accepted by mistake would be appended
        submissions.post("nurse1", "/api/sterilization-loads", LOAD.replace("S-S", "S-STRICT")).expectStatus().isCreated();
        submissions.post("nurse1", "/api/case-reports", CASE.replace("C-S", "C-STRICT")).expectStatus().isCreated();
    }

    /** Every JSON body the API takes: who may send it, where, and a valid one. */
    static Stream<Arguments> everyBody() {
        return Stream.of(
                Arguments.of("nurse1", "/api/ward-census", CENSUS),
                Arguments.of("lab1", "/api/lab-results", LAB),
                Arguments.of("nurse1", "/api/environment-samples", SAMPLE),
                Arguments.of("nurse1", "/api/sterilization-loads", LOAD),
                Arguments.of("nurse1", "/api/sterilization-loads/S-STRICT/biological-indicator", READING),
                Arguments.of("nurse1", "/api/case-reports", CASE),
                Arguments.of("nurse1", "/api/case-reports/C-STRICT/retraction", RETRACTION),
                Arguments.of("nurse1", "/api/alerts/ENV-NO-SUCH/acknowledge", ACKNOWLEDGE),
                Arguments.of("nurse1", "/api/alerts/ENV-NO-SUCH/close", CLOSE),
                Arguments.of("epi1", "/api/what-if/clusters", WHAT_IF),
                Arguments.of("epi1", "/api/events/search", SEARCH));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everyBody")
    void anUnknownFieldIsA400NamingItAndNothingIsAppended(String user, String path, String body) {
        String misspelt = body.replaceFirst("\\{\"", "{\"phenotyp\":\"MRSA\",\"");

        assertThat(problem(user, path, misspelt, 400)).containsExactly("phenotyp: is not a known field");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everyBody")
    void aKeyGivenTwiceIsA400NamingIt(String user, String path, String body) {
        String firstField = body.substring(2, body.indexOf('"', 2));
        String twice = body.replaceFirst("}$", ",\"" + firstField + "\":null}");

        assertThat(problem(user, path, twice, 400)).containsExactly(firstField + ": is given more than once");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everyBody")
    void contentAfterTheObjectIsA400(String user, String path, String body) {
        assertThat(problem(user, path, body + "{\"wardId\":\"ICU-2\"}", 400))
                .containsExactly("body: must end after its JSON object: there is content after it");
    }

    @Test
    void aBodyOverTheLimitIsA413() {
        String huge = LAB.replace("\"MRSA\"", "\"" + "M".repeat(1024 * 1024) + "\"");

        assertThat(problem("lab1", "/api/lab-results", huge, 413)).isEmpty();
    }

    @Test
    void aBodyJustUnderTheLimitIsReadAndItsFieldsChecked() {
        String large = LAB.replace("\"MRSA\"", "\"" + "M".repeat(1000 * 1000) + "\"");

        assertThat(problem("lab1", "/api/lab-results", large, 400)).containsExactly("phenotype: size must be between 0 and 100");
    }

    @Test
    void aControlCharacterInAFreeTextIsA400NamingItsFieldAndNothingIsAppended() {
        // A bell (escaped), a DEL and a C1 "next line" (both raw UTF-8, which JSON allows), an escape.
        assertThat(problem("lab1", "/api/lab-results", json("{'accessionNumber':'L-CTRL','patientId':'P-101','wardId':'ICU-1',"
                + "'admittedAt':'2026-03-01T08:00:00Z','specimenType':'BLOOD','collectedAt':'2026-03-05T10:00:00Z',"
                + "'result':'POSITIVE','organism':'Staphylococcus aureus\\u0007','phenotype':'MRSA'}"), 400))
                .containsExactly("organism: " + CONTROL_CHARACTERS);
        assertThat(problem("nurse1", "/api/case-reports", json("{'caseId':'C-CTRL','patientId':'P-108','wardId':'ICU-1',"
                + "'category':'NOTIFIABLE','disease':'Tuberculosis\u007f','diagnosedAt':'2026-03-08T06:00:00Z',"
                + "'organism':'Mycobacterium\u0085tuberculosis'}"), 400))
                .containsExactlyInAnyOrder("disease: " + CONTROL_CHARACTERS, "organism: " + CONTROL_CHARACTERS);
        assertThat(problem("nurse1", "/api/case-reports/C-STRICT/retraction", "{\"reason\":\"\\u001b[31mcolonisation\"}", 400))
                .containsExactly("reason: " + CONTROL_CHARACTERS);
    }

    @Test
    void tabsAndLineBreaksInAFreeTextAreRecorded() {
        submissions.post("nurse1", "/api/case-reports", CASE.replace("C-S", "C-LINES")).expectStatus().isCreated();

        submissions.post("nurse1", "/api/case-reports/C-LINES/retraction",
                        "{\"reason\":\"colonisation,\\r\\n\\tnot infection\"}")
                .expectStatus().isCreated();
    }

    @Test
    void malformedBodiesAre4xxProblemsNever5xx() {
        byte[] invalidUtf8 = CASE.getBytes(StandardCharsets.UTF_8);
        invalidUtf8[CASE.indexOf("P-108")] = (byte) 0xC3;
        assertThat(problem("nurse1", "/api/case-reports", invalidUtf8, 400)).singleElement().asString()
                .startsWith("patientId: is not well-formed JSON");
        assertThat(problem("nurse1", "/api/case-reports", CASE.replace("P-108", "P-108\\u0000"), 400))
                .containsExactly("patientId: " + CONTROL_CHARACTERS);
        assertThat(problem("nurse1", "/api/case-reports", CASE.replace("2026-03-08T06:00:00Z", "+99999-03-08T06:00:00Z"), 400))
                .containsExactly("onsetAt: must be an ISO-8601 instant such as 2026-03-05T10:00:00Z");
        assertThat(problem("nurse1", "/api/ward-census", CENSUS.replace("18", "1" + "0".repeat(30)), 400))
                .containsExactly("patientsPresent: must be a whole number");
        assertThat(problem("nurse1", "/api/ward-census", "[" + CENSUS + "]", 400)).containsExactly("body: must be a JSON object");
        assertThat(problem("lab1", "/api/lab-results", LAB.replace("}", ",\"susceptibility\":{\"antibiotic\":\"x\"}}"), 400))
                .containsExactly("susceptibility: must be a JSON array");
        assertThat(problem("lab1", "/api/lab-results", "{\"x\":" + "[".repeat(2000) + "]".repeat(2000) + "}", 400))
                .anySatisfy(p -> assertThat(p).startsWith("body: is beyond the limits of a request body"));
        long before = allEvents();
        platform.as("nurse1").post().uri("/api/ward-census").contentType(MediaType.TEXT_PLAIN).bodyValue(CENSUS).exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(allEvents()).isEqualTo(before);
    }

    /** The {@code field: message} lines of the problem answered with {@code status}, after checking nothing was appended. */
    private List<String> problem(String user, String path, Object body, int status) {
        long before = allEvents();
        WebTestClient.RequestBodySpec request = platform.as(user).post().uri(path).contentType(MediaType.APPLICATION_JSON);
        JsonNode problem = request.bodyValue(body).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        List<String> named = new ArrayList<>();
        problem.path("errors").forEach(e -> named.add(e.path("field").asText() + ": " + e.path("message").asText()));
        assertThat(allEvents()).as("events appended by %s", path).isEqualTo(before);
        return named;
    }

    /** Every event of the store, the alerts' included: none of these requests may append one. */
    private long allEvents() {
        return submissions.factEvents() + submissions.eventsOf("alert:ENV-NO-SUCH");
    }
}

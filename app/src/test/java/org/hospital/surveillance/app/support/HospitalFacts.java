package org.hospital.surveillance.app.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Facts posted, history exported and alerts read through the running platform's real HTTP API,
 * as the hospital's systems, a nurse and an epidemiologist would. One client for every test that
 * drives the platform over HTTP with {@link WebTestClient}.
 */
public class HospitalFacts {

    /** Admitted in February: every March or April culture of these tests is hospital-onset. */
    public static final String ADMITTED = "2026-02-15T08:00:00Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String MRSA = "Staphylococcus aureus";

    protected final Platform platform;

    public HospitalFacts(Platform platform) {
        this.platform = platform;
    }

    // --- facts ---

    public WebTestClient.ResponseSpec labResult(String accession, String patientId, String wardId, String admittedAt,
                                                String collectedAt, String result, String organism, String phenotype) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accessionNumber", accession);
        body.put("patientId", patientId);
        body.put("wardId", wardId);
        body.put("admittedAt", admittedAt);
        body.put("specimenType", "BLOOD");
        body.put("collectedAt", collectedAt);
        body.put("result", result);
        body.put("organism", organism);
        body.put("phenotype", phenotype);
        return post("lab1", "/api/lab-results", body).expectStatus().is2xxSuccessful();
    }

    /** A positive culture of a patient admitted in February: hospital-onset. */
    public void culture(String accession, String patientId, String wardId, String organism, String phenotype,
                        String collectedAt) {
        labResult(accession, patientId, wardId, ADMITTED, collectedAt, "POSITIVE", organism, phenotype);
    }

    /** A hospital-onset MRSA culture. */
    public void mrsa(String accession, String patientId, String wardId, String collectedAt) {
        culture(accession, patientId, wardId, MRSA, "MRSA", collectedAt);
    }

    public void haiReport(String caseId, String patientId, String wardId, String organism, String phenotype,
                          String onsetAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caseId", caseId);
        body.put("patientId", patientId);
        body.put("wardId", wardId);
        body.put("category", "HAI");
        body.put("infectionSite", "BSI");
        body.put("organism", organism);
        body.put("phenotype", phenotype);
        body.put("onsetAt", onsetAt);
        post("nurse1", "/api/case-reports", body).expectStatus().is2xxSuccessful();
    }

    public void retract(String caseId) {
        post("nurse1", "/api/case-reports/" + caseId + "/retraction", Map.of("reason", "not an HAI after review"))
                .expectStatus().is2xxSuccessful();
    }

    public void census(String wardId, String date, int patientsPresent, int admissions, int ventilatorDays) {
        post("nurse1", "/api/ward-census", Map.of("wardId", wardId, "date", date, "patientsPresent", patientsPresent,
                "admissions", admissions, "centralLineDays", 0, "urinaryCatheterDays", 0, "ventilatorDays", ventilatorDays))
                .expectStatus().is2xxSuccessful();
    }

    /** A class II air sample taken on 3 March. */
    public void airSample(String sampleId, String wardId, double cfu) {
        post("nurse1", "/api/environment-samples", Map.of("sampleId", sampleId, "wardId", wardId, "sampleType", "AIR",
                "environmentClass", "II", "cfu", cfu, "collectedAt", "2026-03-03T09:00:00Z"))
                .expectStatus().is2xxSuccessful();
    }

    /** A pre-vacuum load of sterilizer S9 completed on 2 March, Bowie-Dick passed. */
    public void sterilizationLoad(String loadId, String chemicalIndicator, String biologicalIndicator) {
        post("nurse1", "/api/sterilization-loads", Map.of("loadId", loadId, "sterilizerId", "S9", "cycleType", "PREVACUUM_STEAM",
                "completedAt", "2026-03-02T07:00:00Z", "bowieDick", "PASS", "chemicalIndicator", chemicalIndicator,
                "biologicalIndicator", biologicalIndicator, "packs", 40))
                .expectStatus().is2xxSuccessful();
    }

    public void biologicalReading(String loadId, String result) {
        post("nurse1", "/api/sterilization-loads/" + loadId + "/biological-indicator",
                Map.of("result", result, "readAt", "2026-03-03T07:00:00Z"))
                .expectStatus().is2xxSuccessful();
    }

    public void closeAlert(String alertId, String outcome) {
        post("nurse1", "/api/alerts/" + alertId + "/close", Map.of("outcome", outcome)).expectStatus().isOk();
    }

    public WebTestClient.ResponseSpec post(String user, String path, Object body) {
        return platform.as(user).post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** See {@link Platform#awaitQuiet()}. */
    public void awaitQuiet() {
        platform.awaitQuiet();
    }

    // --- reading ---

    /** GET /api/events with a query string (a URI template: values in {@code variables} are encoded), as NDJSON lines parsed. */
    public List<JsonNode> history(String query, Object... variables) {
        String body = platform.as("epi1").get().uri("/api/events" + query, variables).accept(MediaType.APPLICATION_NDJSON)
                .exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .expectBody(String.class).returnResult().getResponseBody();
        return lines(body);
    }

    /** POST /api/events/search with a JSON body, as NDJSON lines parsed. */
    public List<JsonNode> search(Object body) {
        String lines = post("epi1", "/api/events/search", body).expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .expectBody(String.class).returnResult().getResponseBody();
        return lines(lines);
    }

    public List<JsonNode> alerts(String query) {
        JsonNode array = platform.as("nurse1").get().uri("/api/alerts" + query).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        List<JsonNode> alerts = new ArrayList<>();
        array.forEach(alerts::add);
        return alerts;
    }

    /** Polls GET /api/alerts until the answer satisfies the condition (reads are eventually consistent). */
    public List<JsonNode> awaitAlerts(String query, Predicate<List<JsonNode>> condition) {
        return await("alerts " + query).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> alerts(query), condition);
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException("Not JSON: " + text, e);
        }
    }

    private static List<JsonNode> lines(String body) {
        return body == null ? List.of() : body.lines().filter(line -> !line.isBlank()).map(HospitalFacts::json).toList();
    }
}

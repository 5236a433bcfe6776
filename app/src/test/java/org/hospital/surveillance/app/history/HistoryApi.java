package org.hospital.surveillance.app.history;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hospital.surveillance.app.support.Platform;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Facts posted and read models read through the running platform's HTTP API, as hospital systems and epidemiologists do. */
final class HistoryApi {

    /** Admitted in February: every March culture posted here is hospital-onset. */
    static final String ADMITTED = "2026-02-15T08:00:00Z";
    private static final ObjectMapper json = new ObjectMapper();

    private final Platform platform;

    HistoryApi(Platform platform) {
        this.platform = platform;
    }

    // --- facts ---

    void census(String wardId, String date, int patients, int admissions, int centralLineDays) {
        post("nurse1", "/api/ward-census", Map.of("wardId", wardId, "date", date, "patientsPresent", patients,
                "admissions", admissions, "centralLineDays", centralLineDays, "urinaryCatheterDays", 0, "ventilatorDays", 0));
    }

    void haiCase(String caseId, String patientId, String wardId, String onsetAt, String device) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("caseId", caseId, "patientId", patientId, "wardId", wardId,
                "category", "HAI", "infectionSite", "BSI", "onsetAt", onsetAt));
        if (device != null) {
            body.put("deviceAssociation", device);
        }
        post("nurse1", "/api/case-reports", body);
    }

    void retract(String caseId) {
        post("nurse1", "/api/case-reports/" + caseId + "/retraction", Map.of("reason", "not an HAI after review"));
    }

    void mrsa(String accession, String patientId, String wardId, String collectedAt) {
        post("lab1", "/api/lab-results", Map.of("accessionNumber", accession, "patientId", patientId, "wardId", wardId,
                "admittedAt", ADMITTED, "specimenType", "BLOOD", "collectedAt", collectedAt, "result", "POSITIVE",
                "organism", "Staphylococcus aureus", "phenotype", "MRSA"));
    }

    void airSample(String sampleId, String wardId, double cfu, String collectedAt) {
        post("nurse1", "/api/environment-samples", Map.of("sampleId", sampleId, "wardId", wardId, "sampleType", "AIR",
                "environmentClass", "II", "cfu", cfu, "collectedAt", collectedAt));
    }

    void load(String loadId, String sterilizerId, String completedAt, String biologicalIndicator) {
        post("nurse1", "/api/sterilization-loads", Map.of("loadId", loadId, "sterilizerId", sterilizerId,
                "cycleType", "PREVACUUM_STEAM", "completedAt", completedAt, "bowieDick", "PASS",
                "chemicalIndicator", "PASS", "biologicalIndicator", biologicalIndicator, "packs", 40));
    }

    void biologicalReading(String loadId, String result, String readAt) {
        post("nurse1", "/api/sterilization-loads/" + loadId + "/biological-indicator", Map.of("result", result, "readAt", readAt));
    }

    void acknowledge(String alertId) {
        post("nurse1", "/api/alerts/" + alertId + "/acknowledge", Map.of("note", "looking into it"));
    }

    private void post(String user, String path, Map<String, ?> body) {
        platform.as(user).post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().is2xxSuccessful();
    }

    /** A POST without a body. */
    WebTestClient.ResponseSpec postAs(String user, String path) {
        return platform.as(user).post().uri(path).exchange();
    }

    // --- reads ---

    WebTestClient.ResponseSpec get(String user, String uri) {
        return platform.as(user).get().uri(uri).exchange();
    }

    /** The 200 answer of a read, as JSON. */
    JsonNode read(String user, String uri) {
        return readJson(get(user, uri).expectStatus().isOk());
    }

    JsonNode readJson(WebTestClient.ResponseSpec response) {
        String body = response.expectBody(String.class).returnResult().getResponseBody();
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("Not JSON: " + body, e);
        }
    }

    /** The answers of several reads, by URI. */
    Map<String, JsonNode> readAll(String user, List<String> uris) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        uris.forEach(uri -> answers.put(uri, read(user, uri)));
        return answers;
    }

    static String asOf(String uri, Instant instant) {
        return uri + (uri.contains("?") ? "&" : "?") + "asOf=" + instant;
    }

    /**
     * An instant between what was recorded before this call and what is recorded after it: the
     * millisecond after now, returned once the clock has passed it, so events stamped before are
     * at or before it and events stamped after are later, at any timestamp precision.
     */
    static Instant boundary() {
        Instant boundary = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(1)).until(() -> Instant.now().isAfter(boundary));
        return boundary;
    }
}

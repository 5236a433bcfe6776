package org.hospital.surveillance.app.board;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * The platform's HTTP API as the hospital's systems and a nurse's tools call it, with HTTP Basic
 * credentials, against any running instance (in this JVM or the packaged jar in a child process).
 */
final class HospitalApi {

    /** Admitted a month before the cultures of these tests: every one of them is hospital-onset. */
    static final String MRSA = "Staphylococcus aureus";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String baseUrl;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HospitalApi(String baseUrl, String password) {
        this.baseUrl = baseUrl;
        this.password = password;
    }

    /** An answer: its status and its JSON body (null when it had none). */
    record Answer(int status, JsonNode body) {
    }

    // --- facts ---

    /** A hospital-onset positive MRSA blood culture; answers the write API's status (201 when new). */
    int mrsaCulture(String accession, String patientId, String wardId, String collectedAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accessionNumber", accession);
        body.put("patientId", patientId);
        body.put("wardId", wardId);
        body.put("admittedAt", java.time.Instant.parse(collectedAt).minus(Duration.ofDays(20)).toString());
        body.put("specimenType", "BLOOD");
        body.put("collectedAt", collectedAt);
        body.put("result", "POSITIVE");
        body.put("organism", MRSA);
        body.put("phenotype", "MRSA");
        return post("lab1", "/api/lab-results", body).status();
    }

    void census(String wardId, String date, int patients, int admissions) {
        expectCreated(post("nurse1", "/api/ward-census", Map.of("wardId", wardId, "date", date, "patientsPresent", patients,
                "admissions", admissions, "centralLineDays", 3, "urinaryCatheterDays", 4, "ventilatorDays", 2)));
    }

    void haiReport(String caseId, String patientId, String wardId, String onsetAt) {
        expectCreated(post("nurse1", "/api/case-reports", Map.of("caseId", caseId, "patientId", patientId, "wardId", wardId,
                "category", "HAI", "infectionSite", "BSI", "onsetAt", onsetAt, "deviceAssociation", "CENTRAL_LINE")));
    }

    void airSample(String sampleId, String wardId, double cfu, String collectedAt) {
        expectCreated(post("nurse1", "/api/environment-samples", Map.of("sampleId", sampleId, "wardId", wardId,
                "sampleType", "AIR", "environmentClass", "II", "cfu", cfu, "collectedAt", collectedAt)));
    }

    void sterilizationLoad(String loadId, String sterilizerId, String bowieDick, String completedAt) {
        expectCreated(post("nurse1", "/api/sterilization-loads", Map.of("loadId", loadId, "sterilizerId", sterilizerId,
                "cycleType", "PREVACUUM_STEAM", "completedAt", completedAt, "bowieDick", bowieDick,
                "chemicalIndicator", "PASS", "biologicalIndicator", "PASS", "packs", 30)));
    }

    Answer acknowledge(String user, String alertId, String note) {
        return post(user, "/api/alerts/" + alertId + "/acknowledge", Map.of("note", note));
    }

    // --- alerts ---

    List<JsonNode> alerts(String query) {
        Answer answer = get("nurse1", "/api/alerts" + query);
        assertThat(answer.status()).as("GET /api/alerts%s", query).isEqualTo(200);
        List<JsonNode> alerts = new ArrayList<>();
        answer.body().forEach(alerts::add);
        return alerts;
    }

    JsonNode alert(String alertId) {
        Answer answer = get("nurse1", "/api/alerts/" + alertId);
        assertThat(answer.status()).as("GET /api/alerts/%s", alertId).isEqualTo(200);
        return answer.body();
    }

    /** Polls GET /api/alerts until the answer satisfies the condition: the read side is eventually consistent. */
    List<JsonNode> awaitAlerts(String query, Predicate<List<JsonNode>> condition) {
        return Awaitility.await("alerts " + query).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> alerts(query), condition);
    }

    // --- HTTP ---

    Answer post(String user, String path, Object body) {
        try {
            return send(request(user, path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Answer get(String user, String path) {
        return send(request(user, path).GET().build());
    }

    String authorization(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String user, String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization(user)).header("Accept", "application/json");
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? null : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expectCreated(Answer answer) {
        assertThat(answer.status()).as("write answer %s", answer.body()).isEqualTo(201);
    }
}

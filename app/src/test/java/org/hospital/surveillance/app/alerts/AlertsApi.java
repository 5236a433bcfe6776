package org.hospital.surveillance.app.alerts;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.hospital.surveillance.app.support.Platform;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Facts posted and alerts read through the running platform's real HTTP API, as the hospital's systems would. */
final class AlertsApi {

    /** Admitted in February: every March culture of these tests is hospital-onset (day 3 or later). */
    static final String ADMITTED = "2026-02-15T08:00:00Z";
    static final String MRSA = "Staphylococcus aureus";

    private final Platform platform;

    AlertsApi(Platform platform) {
        this.platform = platform;
    }

    // --- facts ---

    WebTestClient.ResponseSpec labResult(String accession, String patientId, String wardId, String organism,
                                         String phenotype, String collectedAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accessionNumber", accession);
        body.put("patientId", patientId);
        body.put("wardId", wardId);
        body.put("admittedAt", ADMITTED);
        body.put("specimenType", "BLOOD");
        body.put("collectedAt", collectedAt);
        body.put("result", "POSITIVE");
        body.put("organism", organism);
        body.put("phenotype", phenotype);
        return post("lab1", "/api/lab-results", body).expectStatus().is2xxSuccessful();
    }

    void mrsa(String accession, String patientId, String wardId, String collectedAt) {
        labResult(accession, patientId, wardId, MRSA, "MRSA", collectedAt);
    }

    void haiReport(String caseId, String patientId, String wardId, String organism, String phenotype, String onsetAt) {
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

    void retract(String caseId) {
        post("nurse1", "/api/case-reports/" + caseId + "/retraction", Map.of("reason", "not an HAI after review"))
                .expectStatus().is2xxSuccessful();
    }

    void airSample(String sampleId, String wardId, double cfu) {
        post("nurse1", "/api/environment-samples", Map.of("sampleId", sampleId, "wardId", wardId, "sampleType", "AIR",
                "environmentClass", "II", "cfu", cfu, "collectedAt", "2026-03-03T09:00:00Z"))
                .expectStatus().is2xxSuccessful();
    }

    void sterilizationLoad(String loadId, String chemicalIndicator, String biologicalIndicator) {
        post("nurse1", "/api/sterilization-loads", Map.of("loadId", loadId, "sterilizerId", "S9", "cycleType", "PREVACUUM_STEAM",
                "completedAt", "2026-03-02T07:00:00Z", "bowieDick", "PASS", "chemicalIndicator", chemicalIndicator,
                "biologicalIndicator", biologicalIndicator, "packs", 40))
                .expectStatus().is2xxSuccessful();
    }

    void biologicalReading(String loadId, String result) {
        post("nurse1", "/api/sterilization-loads/" + loadId + "/biological-indicator",
                Map.of("result", result, "readAt", "2026-03-03T07:00:00Z"))
                .expectStatus().is2xxSuccessful();
    }

    WebTestClient.ResponseSpec post(String user, String path, Object body) {
        return platform.as(user).post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    // --- alerts ---

    List<JsonNode> alerts(String query) {
        JsonNode array = platform.as("nurse1").get().uri("/api/alerts" + query).exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        List<JsonNode> alerts = new ArrayList<>();
        array.forEach(alerts::add);
        return alerts;
    }

    List<JsonNode> alertsOfWard(String wardId) {
        return alerts("?wardId=" + wardId);
    }

    /** Polls GET /api/alerts until the answer satisfies the condition (the read side is eventually consistent). */
    List<JsonNode> awaitAlerts(String query, Predicate<List<JsonNode>> condition) {
        return await("alerts " + query).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> alerts(query), condition);
    }

    /**
     * Waits until every processor has handled every event, including the alert events the
     * detector appended while handling the facts (they commit with its token, so a second
     * round after the detector caught up covers them).
     */
    void awaitQuiet() {
        awaitProcessorsAtHead();
        awaitProcessorsAtHead();
    }

    /**
     * Like {@link Platform#awaitProjectionsCaughtUp()} but by position only: after a replay Axon
     * keeps a processor's token a ReplayToken until the next event arrives, so "not replaying"
     * would never hold in a test that appends nothing after the replay.
     */
    private void awaitProcessorsAtHead() {
        long head = positionOf(platform.bean(EventStore.class).createHeadToken());
        await("processors reach position " + head).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> platform.streamingProcessors().stream().allMatch(p -> !p.processingStatus().isEmpty()
                        && p.processingStatus().values().stream()
                        .allMatch(status -> status.getCurrentPosition().orElse(-1L) >= head)));
    }

    private static long positionOf(TrackingToken token) {
        return token == null ? -1L : token.position().orElse(-1L);
    }

    /** Events in alert streams, counted in the event store's table. */
    long alertEventCount() {
        Long count = new JdbcTemplate(platform.bean(DataSource.class)).queryForObject(
                "SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier LIKE 'alert:%'", Long.class);
        return count == null ? 0 : count;
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}

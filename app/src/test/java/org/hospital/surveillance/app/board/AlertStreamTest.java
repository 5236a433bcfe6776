package org.hospital.surveillance.app.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.surveillance.app.board.SseClient.alertId;
import static org.hospital.surveillance.app.board.SseClient.id;
import static org.hospital.surveillance.app.board.SseClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hospital.surveillance.app.support.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.codec.ServerSentEvent;

/**
 * GET /api/alerts/stream through the running platform's real HTTP stack, read by a plain SSE
 * client: what a new client receives, what a reconnecting client receives with Last-Event-ID,
 * the filters, the heartbeats, and who may listen. Each test works in its own wards.
 */
class AlertStreamTest {

    @TempDir
    static Path dataDir;
    static Platform platform;
    static HospitalApi api;

    @BeforeAll
    static void start() {
        platform = Platform.start(dataDir, "surveillance.alert-stream.heartbeat=300ms");
        api = new HospitalApi(platform.baseUrl(), Platform.PASSWORD);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void aNewClientLearnsWhereItIsThenReceivesEachRaiseAndChangeAsTheAlertListShowsIt() {
        try (SseClient client = connect("nurse1", "", null)) {
            ServerSentEvent<String> opening = client.awaitReceived("the opening id", events -> !events.isEmpty()).get(0);
            assertThat(opening.event()).isNull();
            assertThat(opening.data()).as("an id alone: browsers record it and dispatch nothing").isNull();
            long start = id(opening);

            cluster("SSE-1", "L-S1-");
            ServerSentEvent<String> raised = client.awaitAlerts("the raised cluster", alerts -> !alerts.isEmpty()).get(0);
            JsonNode listed = api.alerts("?wardId=SSE-1").get(0);
            assertThat(json(raised)).as("the same JSON as GET /api/alerts").isEqualTo(listed);
            assertThat(listed.path("status").asText()).isEqualTo("OPEN");
            assertThat(listed.path("caseCount").asInt()).isEqualTo(3);
            assertThat(id(raised)).isGreaterThan(start);

            assertThat(api.acknowledge("nurse1", alertId(raised), "isolating bay 3").status()).isEqualTo(200);
            ServerSentEvent<String> acknowledged = client.awaitAlerts("the acknowledgement", alerts -> alerts.size() == 2).get(1);
            assertThat(alertId(acknowledged)).isEqualTo(alertId(raised));
            assertThat(json(acknowledged).path("status").asText()).isEqualTo("ACKNOWLEDGED");
            assertThat(json(acknowledged).path("acknowledgedBy").asText()).isEqualTo("nurse1");
            assertThat(json(acknowledged).path("note").asText()).isEqualTo("isolating bay 3");
            assertThat(id(acknowledged)).isGreaterThan(id(raised));
        }
    }

    @Test
    void aClientReconnectingWithLastEventIdReceivesExactlyTheAlertsThatChangedMeanwhileThenLiveOnes() {
        // Raised before the client's last event: it must not come again.
        api.airSample("E-S2-0", "SSE-2", 7.0, "2026-03-03T09:00:00Z");
        api.awaitAlerts("?wardId=SSE-2", alerts -> alerts.size() == 1);
        String lastSeen;
        String clusterId;
        try (SseClient first = connect("nurse1", "", null)) {
            first.awaitReceived("the opening id", events -> !events.isEmpty());
            cluster("SSE-2", "L-S2-");
            ServerSentEvent<String> raised = first.awaitAlerts("the cluster", alerts -> !alerts.isEmpty()).get(0);
            clusterId = alertId(raised);
            lastSeen = raised.id();
        }

        // While the client is away: its cluster is acknowledged, an environment alert and a recall are raised.
        assertThat(api.acknowledge("nurse1", clusterId, "reviewing").status()).isEqualTo(200);
        api.airSample("E-S2-1", "SSE-2", 9.0, "2026-03-04T09:00:00Z");
        api.sterilizationLoad("S-S2-1", "S-S2", "FAIL", "2026-03-04T07:00:00Z");
        api.awaitAlerts("?wardId=SSE-2", alerts -> alerts.size() == 3
                && alerts.stream().anyMatch(a -> a.path("status").asText().equals("ACKNOWLEDGED")));
        api.awaitAlerts("?type=STERILIZATION_FAILURE", alerts -> alerts.stream()
                .anyMatch(a -> a.path("alertId").asText().equals("STER-S-S2-1")));

        try (SseClient back = connect("nurse1", "", lastSeen)) {
            List<ServerSentEvent<String>> missed = back.awaitAlerts("what changed meanwhile", alerts -> alerts.size() >= 3);
            assertThat(missed).extracting(SseClient::alertId)
                    .containsExactlyInAnyOrder(clusterId, "ENV-E-S2-1", "STER-S-S2-1");
            assertThat(json(missed.stream().filter(e -> alertId(e).equals(clusterId)).findFirst().orElseThrow())
                    .path("status").asText()).as("in its latest state").isEqualTo("ACKNOWLEDGED");
            assertThat(missed).extracting(SseClient::id).isSorted().doesNotHaveDuplicates()
                    .allSatisfy(id -> assertThat(id).isGreaterThan(Long.parseLong(lastSeen)));
            assertThat(back.received().get(0).event()).as("a resumed stream starts with what was missed").isEqualTo("alert");

            // ... then live.
            api.airSample("E-S2-2", "SSE-2", 8.0, "2026-03-05T09:00:00Z");
            List<ServerSentEvent<String>> all = back.awaitAlerts("the next live alert", alerts -> alerts.size() == 4);
            assertThat(alertId(all.get(3))).isEqualTo("ENV-E-S2-2");
            assertThat(all).extracting(SseClient::alertId).doesNotContain("ENV-E-S2-0");
        }

        // A page re-creating its EventSource cannot set the header: the parameter does the same.
        try (SseClient again = SseClient.connect(platform.baseUrl(), api.authorization("nurse1"),
                "?wardId=SSE-2&lastEventId=" + lastSeen, null)) {
            List<ServerSentEvent<String>> missed = again.awaitAlerts("what changed in SSE-2", alerts -> alerts.size() >= 3);
            assertThat(missed).extracting(SseClient::alertId).containsExactlyInAnyOrder(clusterId, "ENV-E-S2-1", "ENV-E-S2-2");
        }
    }

    @Test
    void filtersByWardAndKind() {
        try (SseClient environmentOfSse4 = connect("nurse1", "?wardId=SSE-4&type=ENVIRONMENT", null);
             SseClient sse4 = connect("epi1", "?wardId=SSE-4", null)) {
            environmentOfSse4.awaitReceived("the opening id", events -> !events.isEmpty());
            sse4.awaitReceived("the opening id", events -> !events.isEmpty());
            api.airSample("E-S4-1", "SSE-4", 9.0, "2026-03-03T09:00:00Z");
            api.airSample("E-S5-1", "SSE-5", 9.0, "2026-03-03T09:00:00Z");
            cluster("SSE-4", "L-S4-");
            api.awaitAlerts("?wardId=SSE-4&type=CLUSTER", alerts -> alerts.size() == 1);
            api.awaitAlerts("?wardId=SSE-5", alerts -> alerts.size() == 1);
            api.airSample("E-S4-2", "SSE-4", 9.0, "2026-03-04T09:00:00Z");

            List<ServerSentEvent<String>> received = environmentOfSse4.awaitAlerts("SSE-4's second sample",
                    alerts -> alerts.stream().anyMatch(e -> alertId(e).equals("ENV-E-S4-2")));
            assertThat(received).extracting(SseClient::alertId).containsExactly("ENV-E-S4-1", "ENV-E-S4-2");
            List<ServerSentEvent<String>> ward = sse4.awaitAlerts("SSE-4's alerts", alerts -> alerts.size() >= 3);
            assertThat(ward).extracting(e -> json(e).path("wardId").asText()).containsOnly("SSE-4");
            assertThat(ward).extracting(e -> json(e).path("type").asText()).contains("CLUSTER", "ENVIRONMENT");
        }
    }

    @Test
    void aQuietStreamSendsHeartbeatComments() {
        try (SseClient client = connect("admin", "?wardId=QUIET", null)) {
            List<ServerSentEvent<String>> received = client.awaitReceived("two heartbeats",
                    events -> events.stream().filter(e -> e.comment() != null).count() >= 2);
            assertThat(received).filteredOn(e -> e.comment() != null)
                    .allSatisfy(e -> assertThat(e.data()).isNull());
        }
    }

    @Test
    void onlyTheReadingRolesMayListenAndABadParameterIsA400NamingIt() throws Exception {
        assertThat(request(null, "", Map.of()).statusCode()).isEqualTo(401);
        assertThat(request("lab1", "", Map.of()).statusCode()).isEqualTo(403);
        assertProblemNaming(request("nurse1", "", Map.of("Last-Event-ID", "yesterday")), "Last-Event-ID");
        assertProblemNaming(request("nurse1", "?lastEventId=-1", Map.of()), "lastEventId");
        assertProblemNaming(request("nurse1", "?type=cluster", Map.of()), "type");
    }

    private static void assertProblemNaming(HttpResponse<String> answer, String field) {
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.body()).contains("\"field\":\"" + field + "\"");
    }

    /** A request whose answer is read whole: only for the stream's error answers, which end. */
    private static HttpResponse<String> request(String user, String query, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/api/alerts/stream" + query))
                .timeout(Duration.ofSeconds(10)).header("Accept", "text/event-stream");
        if (user != null) {
            request.header("Authorization", api.authorization(user));
        }
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static SseClient connect(String user, String query, String lastEventId) {
        return SseClient.connect(platform.baseUrl(), api.authorization(user), query, lastEventId);
    }

    /** Three patients' hospital-onset MRSA cultures within a week in one ward: a cluster. */
    private static void cluster(String wardId, String accessionPrefix) {
        for (int i = 1; i <= 3; i++) {
            assertThat(api.mrsaCulture(accessionPrefix + i, "P-" + wardId + "-" + i, wardId, "2026-03-0" + (4 + i) + "T10:00:00Z"))
                    .isEqualTo(201);
        }
    }
}

package org.hospital.surveillance.app.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.surveillance.app.board.SseClient.alertId;
import static org.hospital.surveillance.app.board.SseClient.json;

import java.nio.file.Path;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.TwoInstances;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances of the platform as production runs them: one PostgreSQL event store, one MongoDB
 * for the read models (here the first instance's embedded server, which the second reaches by
 * {@code spring.data.mongodb.uri} as it would a shared MongoDB). Whichever instance a fact or a
 * nurse's action arrives at, and whichever instance's processor writes the board, a nurse
 * listening on either instance is told.
 */
class AlertStreamAcrossInstancesTest {

    @TempDir
    static Path firstDir;
    @TempDir
    static Path secondDir;
    static TwoInstances instances;
    static Platform first;
    static Platform second;

    @BeforeAll
    static void start() {
        instances = TwoInstances.sharingReadModels(firstDir, secondDir);
        first = instances.first;
        second = instances.second;
    }

    @AfterAll
    static void stop() {
        instances.close();
    }

    @Test
    void aNurseOnOneInstanceSeesAnAlertRaisedThroughTheOtherAndEachSeesTheOthersAction() {
        HospitalApi viaFirst = new HospitalApi(first.baseUrl(), Platform.PASSWORD);
        HospitalApi viaSecond = new HospitalApi(second.baseUrl(), Platform.PASSWORD);
        try (SseClient onSecond = SseClient.connect(second.baseUrl(), viaSecond.authorization("nurse1"), "?wardId=MULTI-1", null);
             SseClient onFirst = SseClient.connect(first.baseUrl(), viaFirst.authorization("nurse1"), "?wardId=MULTI-1", null)) {
            onSecond.awaitReceived("the second instance's opening id", events -> !events.isEmpty());
            onFirst.awaitReceived("the first instance's opening id", events -> !events.isEmpty());

            for (int i = 1; i <= 3; i++) {
                assertThat(viaFirst.mrsaCulture("L-M1-" + i, "P-M1-" + i, "MULTI-1", "2026-03-0" + (4 + i) + "T10:00:00Z"))
                        .isEqualTo(201);
            }
            ServerSentEvent<String> raised = onSecond.awaitAlerts("the cluster raised through the first instance",
                    alerts -> !alerts.isEmpty()).get(0);
            assertThat(json(raised).path("caseCount").asInt()).isEqualTo(3);
            assertThat(onFirst.awaitAlerts("the same cluster on the first instance", alerts -> !alerts.isEmpty()).get(0).id())
                    .as("one board, one numbering, whichever instance tells it").isEqualTo(raised.id());

            assertThat(viaSecond.acknowledge("nurse1", alertId(raised), "seen on the second instance").status()).isEqualTo(200);
            List<ServerSentEvent<String>> onFirstAlerts = onFirst.awaitAlerts("the acknowledgement made on the second instance",
                    alerts -> alerts.size() == 2);
            assertThat(json(onFirstAlerts.get(1)).path("status").asText()).isEqualTo("ACKNOWLEDGED");
            assertThat(onSecond.awaitAlerts("and on the second", alerts -> alerts.size() == 2).get(1).id())
                    .isEqualTo(onFirstAlerts.get(1).id());
        }
    }

    /**
     * Facts arrive alternately at both instances. Each segment of a processor (two for the figure
     * projections, one for the others) is claimed by one instance only, every event in the store is
     * read by each segment exactly once across the two (Axon counts every event a segment reads,
     * handled or not: each segment reads the whole stream and handles its own facts), and each
     * cluster is raised once.
     */
    @Test
    void theInstancesSplitTheProcessorsSoEachEventIsProjectedOnceAndEachClusterRaisedOnce() {
        HospitalApi[] via = {new HospitalApi(first.baseUrl(), Platform.PASSWORD), new HospitalApi(second.baseUrl(), Platform.PASSWORD)};
        for (int i = 1; i <= 3; i++) {
            assertThat(via[i % 2].mrsaCulture("L-SPLIT-A-" + i, "P-SPLIT-A-" + i, "SPLIT-A", "2026-04-0" + i + "T10:00:00Z"))
                    .isEqualTo(201);
            assertThat(via[(i + 1) % 2].mrsaCulture("L-SPLIT-B-" + i, "P-SPLIT-B-" + i, "SPLIT-B", "2026-04-1" + i + "T10:00:00Z"))
                    .isEqualTo(201);
            via[i % 2].census("SPLIT-A", "2026-04-0" + i, 20, 2);
            via[(i + 1) % 2].airSample("AIR-SPLIT-" + i, "SPLIT-A", 3.0 + i, "2026-04-0" + i + "T08:00:00Z");
            via[i % 2].sterilizationLoad("LOAD-SPLIT-" + i, "S-SPLIT", i == 2 ? "FAIL" : "PASS", "2026-04-0" + i + "T12:00:00Z");
        }

        Awaitility.await("every processor, on whichever instance holds it, has read the whole store")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> processorNames().stream().allMatch(AlertStreamAcrossInstancesTest::caughtUpOnOneInstance)
                        && via[0].alerts("?type=CLUSTER&wardId=SPLIT-B").size() == 1
                        && via[0].alerts("?type=CLUSTER&wardId=SPLIT-B").get(0).path("caseCount").asInt() == 3);

        long events = first.eventCount();
        for (String processor : processorNames()) {
            assertThat(claimedSegments(first, processor) + claimedSegments(second, processor))
                    .as("segments of %s claimed across both instances", processor).isEqualTo(segments(processor));
            assertThat(eventsRead(first, processor) + eventsRead(second, processor))
                    .as("events %s read across both instances, against the %d in the store", processor, events)
                    .isEqualTo(events * segments(processor));
        }
        JdbcTemplate store = new JdbcTemplate(first.bean(DataSource.class));
        assertThat(store.queryForList("SELECT DISTINCT owner FROM TokenEntry WHERE owner IS NOT NULL", String.class))
                .as("claims under distinct owner names").isNotEmpty()
                .allMatch(owner -> owner.contains("/"));
        List<Long> raisesPerAlert = store.queryForList("SELECT COUNT(*) FROM DomainEventEntry"
                + " WHERE payloadType LIKE '%ClusterAlertRaised' GROUP BY aggregateIdentifier", Long.class);
        assertThat(raisesPerAlert).as("one raise per cluster alert").hasSize(via[0].alerts("?type=CLUSTER").size())
                .containsOnly(1L);
        assertThat(via[1].alerts("?type=CLUSTER&wardId=SPLIT-A")).singleElement()
                .satisfies(alert -> assertThat(alert.path("caseCount").asInt()).isEqualTo(3));
        assertThat(via[1].alerts("?type=STERILIZATION_FAILURE")).hasSize(1);
    }

    private static List<String> processorNames() {
        return first.streamingProcessors().stream().map(StreamingEventProcessor::getName).sorted().toList();
    }

    private static boolean caughtUpOnOneInstance(String processor) {
        TrackingToken head = first.bean(EventStore.class).createHeadToken();
        List<TrackingToken> tokens = new ArrayList<>();
        for (Platform instance : List.of(first, second)) {
            instance.streamingProcessor(processor).processingStatus().values()
                    .forEach(status -> tokens.add(status.getTrackingToken()));
        }
        return tokens.size() == segments(processor) && tokens.stream().allMatch(token -> token != null && token.covers(head));
    }

    /** The figure projections run in two segments (application.yml), the others in one. */
    private static int segments(String processor) {
        return List.of("rates", "environment-compliance", "sterilization-compliance").contains(processor) ? 2 : 1;
    }

    private static int claimedSegments(Platform instance, String processor) {
        return instance.streamingProcessor(processor).processingStatus().size();
    }

    private static long eventsRead(Platform instance, String processor) {
        return Math.round(instance.bean(MeterRegistry.class).find("eventProcessor.ingestedCounter")
                .tag("processorName", processor).counters().stream().mapToDouble(Counter::count).sum());
    }
}

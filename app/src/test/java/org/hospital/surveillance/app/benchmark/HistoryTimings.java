package org.hospital.surveillance.app.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.awaitility.Awaitility;
import org.hospital.surveillance.app.support.Platform;
import org.springframework.http.HttpStatus;

/**
 * The rebuild against the plain read of the same history, measured the way
 * {@code ReplayThroughputBenchmark} measures them: the plain read is one ordered SELECT through the
 * driver with every payload and metadata deserialized by the platform's mapper; the rebuild is
 * {@code POST /api/projections/all/rebuild}, timed until every projection is LIVE on its next
 * generation, with the live processors started at the head beside it.
 */
final class HistoryTimings {

    static final List<String> PROJECTIONS = List.of("rates", "environment-compliance", "sterilization-compliance", "alert-board");

    private HistoryTimings() {
    }

    /** Seconds to read every event in order and deserialize it as Axon's serializer would. */
    static double plainRead(Platform platform, long events) throws Exception {
        ObjectMapper json = platform.bean(ObjectMapper.class);
        Map<String, Class<?>> types = new HashMap<>();
        long started = System.nanoTime();
        long count = 0;
        try (Connection connection = platform.bean(DataSource.class).getConnection()) {
            connection.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT payloadType, payload, metaData FROM DomainEventEntry ORDER BY globalIndex ASC")) {
                statement.setFetchSize(1000);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        Class<?> type = types.get(rows.getString(1));
                        if (type == null) {
                            type = Class.forName(rows.getString(1));
                            types.put(rows.getString(1), type);
                        }
                        if (json.readValue(rows.getBytes(2), type) != null && json.readValue(rows.getBytes(3), Map.class) != null) {
                            count++;
                        }
                    }
                }
            }
            connection.rollback();
        }
        if (count != events) {
            throw new IllegalStateException("The plain read found " + count + " events, not " + events);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** The live projection processors at the head and running, as on a platform that has kept up with its history. */
    static void liveAtHead(Platform platform) {
        for (String group : PROJECTIONS) {
            StreamingEventProcessor processor = platform.streamingProcessor(group);
            processor.shutDown();
            processor.resetTokens(source -> source.createHeadToken());
            processor.start();
        }
        long head = platform.bean(EventStore.class).createHeadToken().position().orElseThrow();
        Awaitility.await("live processors at the head").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> PROJECTIONS.stream().allMatch(group -> platform.streamingProcessor(group).processingStatus().values()
                        .stream().allMatch(status -> status.getCurrentPosition().orElse(-1L) >= head)));
    }

    /** Seconds from {@code POST /api/projections/all/rebuild} until every projection is LIVE on its next generation. */
    static double rebuildAll(Platform platform, Duration atMost) {
        Map<String, Integer> before = new HashMap<>();
        projections(platform).forEach(p -> before.put(p.get("name").asText(), p.get("generation").asInt()));
        long started = System.nanoTime();
        platform.as("epi1").post().uri("/api/projections/all/rebuild").exchange().expectStatus().isEqualTo(HttpStatus.ACCEPTED);
        long[] nextProgress = {started + Duration.ofSeconds(30).toNanos()};
        Awaitility.await("the rebuild of every projection").atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode projections = projections(platform);
                    boolean switched = true;
                    for (JsonNode p : projections) {
                        switched &= "LIVE".equals(p.get("state").asText())
                                && p.get("generation").asInt() == before.get(p.get("name").asText()) + 1;
                    }
                    if (!switched && System.nanoTime() > nextProgress[0]) {
                        nextProgress[0] += Duration.ofSeconds(30).toNanos();
                        System.out.printf("  rebuild after %.0f s: %s (load %s)%n", (System.nanoTime() - started) / 1e9,
                                projections.get(0), BenchmarkReport.loadAverage());
                    }
                    return switched;
                });
        return (System.nanoTime() - started) / 1e9;
    }

    private static JsonNode projections(Platform platform) {
        String body = platform.as("epi1").get().uri("/api/projections").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        try {
            return new ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + body, e);
        }
    }
}

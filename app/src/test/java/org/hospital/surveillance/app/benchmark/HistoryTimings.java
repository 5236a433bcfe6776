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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.awaitility.Awaitility;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.projection.alert.AlertBoardProjection;
import org.springframework.http.HttpStatus;

/**
 * The rebuild against the plain read of the same history, as both the one benchmark command
 * ({@code PlatformBenchmark}'s volume part) and {@code ReplayThroughputBenchmark} measure them: the
 * plain read is one ordered SELECT through the driver with every payload and metadata deserialized
 * by the platform's mapper; the rebuild is {@code POST /api/projections/{name}/rebuild}, timed until
 * every projection it names is LIVE on its next generation, with the live processors started at the
 * head beside it.
 */
final class HistoryTimings {

    static final List<String> PROJECTIONS = List.of("rates", "environment-compliance", "sterilization-compliance",
            AlertBoardProjection.PROCESSING_GROUP);

    /** Polling a processor's position is the measurement itself; 20 ms is well under 1 % of any replay timed here. */
    static final Duration POLL = Duration.ofMillis(20);

    private HistoryTimings() {
    }

    /**
     * Seconds to read every event in order through the driver and deserialize it as Axon's serializer
     * would (no upcasters, no storage engine: the ceiling any replay reading the same rows could reach).
     */
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
                        String name = rows.getString(1);
                        Class<?> type = types.get(name);
                        if (type == null) {
                            type = Class.forName(name);
                            types.put(name, type);
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

    /**
     * The live projection processors set to the head of the store and started, as on a platform that
     * has kept up with its history: a rebuild runs beside them and pauses them only for its switch.
     * The alert detector is left as it is (it sends commands and is never part of a rebuild).
     */
    static void liveAtHead(Platform platform) {
        for (String group : PROJECTIONS) {
            StreamingEventProcessor processor = platform.streamingProcessor(group);
            processor.shutDown();
            processor.resetTokens(source -> source.createHeadToken());
            processor.start();
        }
        long head = platform.bean(EventStore.class).createHeadToken().position().orElseThrow();
        Awaitility.await("live processors at the head").atMost(Duration.ofMinutes(2))
                .pollInSameThread().pollInterval(POLL)
                .until(() -> PROJECTIONS.stream().allMatch(group -> atHead(platform.streamingProcessor(group), head)));
    }

    static boolean atHead(StreamingEventProcessor processor, long head) {
        return !processor.processingStatus().isEmpty() && processor.processingStatus().values().stream()
                .allMatch(status -> status.getCurrentPosition().orElse(-1L) >= head);
    }

    /** A timed rebuild: seconds from the request to the switch, and the pace {@code GET /api/projections} showed last. */
    record Rebuilt(double seconds, String lastPace) {
    }

    /** Seconds from {@code POST /api/projections/all/rebuild} until every projection is LIVE on its next generation. */
    static double rebuildAll(Platform platform, Duration atMost) {
        return rebuild(platform, "all", atMost).seconds();
    }

    /**
     * {@code POST /api/projections/{name}/rebuild}, timed from the request until every projection it
     * names is LIVE on the next generation in {@code GET /api/projections} (polled every 100 ms).
     */
    static Rebuilt rebuild(Platform platform, String name, Duration atMost) {
        Map<String, Integer> before = new HashMap<>();
        projections(platform).forEach(p -> before.put(p.get("name").asText(), p.get("generation").asInt()));
        List<String> names = name.equals("all") ? List.copyOf(before.keySet()) : List.of(name);
        long started = System.nanoTime();
        platform.as("epi1").post().uri("/api/projections/" + name + "/rebuild").exchange()
                .expectStatus().isEqualTo(HttpStatus.ACCEPTED);
        long[] nextProgress = {started + Duration.ofSeconds(30).toNanos()};
        AtomicReference<String> lastPace = new AtomicReference<>("none");
        Awaitility.await("the rebuild of " + name).atMost(atMost).pollInSameThread().pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode projections = projections(platform);
                    boolean switched = true;
                    for (JsonNode p : projections) {
                        String projection = p.get("name").asText();
                        if (!names.contains(projection)) {
                            continue;
                        }
                        if ("REBUILDING".equals(p.get("state").asText())) {
                            lastPace.set(p.get("eventsPerSecond").asText() + " events/s at " + p.get("position").asText());
                        }
                        switched &= "LIVE".equals(p.get("state").asText())
                                && p.get("generation").asInt() == before.get(projection) + 1;
                    }
                    if (!switched && System.nanoTime() > nextProgress[0]) {
                        nextProgress[0] += Duration.ofSeconds(30).toNanos();
                        System.out.printf(Locale.ROOT, "  rebuild %s after %.0f s: %s (load %s)%n", name,
                                (System.nanoTime() - started) / 1e9, projections.get(0), BenchmarkReport.loadAverage());
                    }
                    return switched;
                });
        return new Rebuilt((System.nanoTime() - started) / 1e9, lastPace.get());
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

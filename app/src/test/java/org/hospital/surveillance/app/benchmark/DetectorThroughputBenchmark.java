package org.hospital.surveillance.app.benchmark;

import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.TempDirs;
import org.hospital.surveillance.process.alert.AlertDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How fast the alert detector works through facts, on the embedded default, in one JVM. Not a test
 * of the normal build (the name does not end in {@code Test}). Run it on purpose:
 * <pre>
 * ./mvnw -B -o -pl app -am test -Dtest=DetectorThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbenchmark.events=50000
 * </pre>
 * Two measures over the same generated facts (the start of {@link GeneratedHistory}'s dense
 * history, so clusters form and keep growing):
 * <ol>
 * <li><b>backlog</b>: a detector that was up to date is stopped, the facts are appended, and it is
 * started again; timed until it has handled them and the alert events its commands appended;</li>
 * <li><b>from scratch</b>: its token and its state are forgotten, as after a restore, and it judges
 * the whole history again; the alert events this appends are counted too (a history that already
 * holds its alerts should get none).</li>
 * </ol>
 * The other processors are stopped throughout, so the detector has the machine to itself.
 */
class DetectorThroughputBenchmark {

    private static final Duration POLL = Duration.ofMillis(20);

    private final int events = Integer.getInteger("benchmark.events", 50_000);
    private final List<String> report = new ArrayList<>();

    @Test
    @Timeout(value = 2, unit = TimeUnit.HOURS)
    void detectorThroughput() throws Exception {
        Path dataDir = Files.createTempDirectory("detector-benchmark");
        try (Platform platform = Platform.start(dataDir)) {
            line("Alert detector throughput, %s, load %s", LocalDateTime.now().withNano(0), loadAverage());
            // The history of a million-event hospital, of which the first facts: dense enough that clusters form.
            GeneratedHistory history = new GeneratedHistory(1_000_000);
            EventStorageEngine engine = platform.bean(EventStorageEngine.class);
            history.appendTo(engine, 0, 1, 1);
            platform.awaitQuiet();
            platform.streamingProcessors().forEach(StreamingEventProcessor::shutDown);
            history.appendTo(engine, 1, events, 1000);
            long factsHead = head(platform);

            StreamingEventProcessor detector = platform.streamingProcessor(AlertDetector.PROCESSING_GROUP);
            long alertEventsBefore = alertEvents(platform);
            long started = System.nanoTime();
            detector.start();
            double facts = awaitAt(detector, factsHead, started);
            double quiet = awaitQuiet(platform, detector, started);
            long appended = alertEvents(platform) - alertEventsBefore;
            line("RESULT backlog: %,d facts in %.1f s = %,.0f facts/s (quiet after %.1f s, %,d alert events appended)",
                    events - 1, facts, (events - 1) / facts, quiet, appended);

            detector.shutDown();
            MongoDatabase database = platform.bean(MongoDatabase.class);
            for (String collection : database.listCollectionNames()) {
                if (collection.startsWith("alert_detection")) {
                    database.getCollection(collection).drop();
                }
            }
            new JdbcTemplate(platform.bean(DataSource.class)).update("DELETE FROM TokenEntry WHERE processorName = ?",
                    AlertDetector.PROCESSING_GROUP);
            long historyHead = head(platform);
            long storedEvents = platform.eventCount();
            alertEventsBefore = alertEvents(platform);
            started = System.nanoTime();
            detector.start();
            double history2 = awaitAt(detector, historyHead, started);
            quiet = awaitQuiet(platform, detector, started);
            appended = alertEvents(platform) - alertEventsBefore;
            line("RESULT from scratch: %,d events in %.1f s = %,.0f events/s (quiet after %.1f s, %,d alert events appended)",
                    storedEvents, history2, storedEvents / history2, quiet, appended);
            line("load at the end %s", loadAverage());
        } finally {
            TempDirs.delete(dataDir);
            Path out = Path.of("target", "benchmark-detector.txt");
            Files.createDirectories(out.getParent());
            Files.write(out, report, StandardCharsets.UTF_8);
        }
    }

    private static double awaitAt(StreamingEventProcessor detector, long position, long started) {
        Awaitility.await("the detector at " + position).atMost(Duration.ofHours(1)).pollInSameThread().pollInterval(POLL)
                .until(() -> position(detector) >= position);
        return seconds(started);
    }

    /** Until the detector has handled the alert events of its own commands too: at the head, and the head stays. */
    private static double awaitQuiet(Platform platform, StreamingEventProcessor detector, long started) {
        Awaitility.await("the detector quiet").atMost(Duration.ofHours(1)).pollInSameThread().pollInterval(POLL)
                .until(() -> {
                    long head = head(platform);
                    return position(detector) >= head && head(platform) == head;
                });
        return seconds(started);
    }

    private static long position(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(-1L)).min().orElse(-1L);
    }

    private static long head(Platform platform) {
        return platform.bean(EventStore.class).createHeadToken().position().orElse(-1L);
    }

    private static long alertEvents(Platform platform) {
        Long count = new JdbcTemplate(platform.bean(DataSource.class)).queryForObject(
                "SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier LIKE 'alert:%'", Long.class);
        return count == null ? 0 : count;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private void line(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        report.add(line);
        System.out.println(line);
    }
}

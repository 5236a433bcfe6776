package org.hospital.surveillance.app.benchmark;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.command.alert.AlertRepositoryConfiguration;
import org.hospital.surveillance.process.alert.AlertDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How fast the alert detector works through facts, on the embedded default, in one JVM. Not a test
 * of the normal build (the name does not end in {@code Test}). Run it on purpose:
 * <pre>
 * ./mvnw -B -o -pl app -am test -Dtest=DetectorThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbenchmark.events=5000 -Dbenchmark.alertCache=both      # or on, or off
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
 * The other processors are stopped throughout, so the detector has the machine to itself. With
 * {@code both} (the default) the two measures run first with the Alert aggregate's cache switched
 * off, then on, each on fresh stores, and the last line gives the ratios (on over off).
 */
class DetectorThroughputBenchmark {

    private static final Duration POLL = Duration.ofMillis(20);

    private final int events = Integer.getInteger("benchmark.events", 50_000);
    private final String alertCache = System.getProperty("benchmark.alertCache", "both");

    /** Facts per second in the backlog, events per second from scratch. */
    private record Rates(double backlog, double fromScratch) {
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.HOURS)
    void detectorThroughput() throws Exception {
        List<String> variants = alertCache.equals("both") ? List.of("off", "on") : List.of(alertCache);
        Rates off = null;
        for (String variant : variants) {
            // 0 alerts switches the cache off; on keeps the configured default.
            String[] properties = variant.equals("off") ? new String[] {AlertRepositoryConfiguration.MAX_ALERTS + "=0"}
                    : new String[0];
            try (Backlog backlog = Backlog.start("benchmark-detector-alert-cache-" + variant + ".txt", "h2", properties)) {
                Rates rates = measure(backlog, variant);
                if (variant.equals("off")) {
                    off = rates;
                } else if (off != null) {
                    backlog.line("RESULT alert cache on/off: backlog %.2fx, from scratch %.2fx",
                            rates.backlog() / off.backlog(), rates.fromScratch() / off.fromScratch());
                }
            }
        }
    }

    private Rates measure(Backlog backlog, String variant) {
        Platform platform = backlog.platform;
        backlog.line("Alert detector throughput, alert cache %s, %s, load %s", variant, LocalDateTime.now().withNano(0),
                Backlog.loadAverage());
        // The history of a million-event hospital, of which the first facts: dense enough that clusters form.
        GeneratedHistory history = new GeneratedHistory(1_000_000);
        history.appendTo(platform.bean(EventStorageEngine.class), 0, 1, 1);
        platform.awaitQuiet();
        long factsHead = backlog.appendBehindStoppedProcessors(history, 1, events);

        StreamingEventProcessor detector = platform.streamingProcessor(AlertDetector.PROCESSING_GROUP);
        long alertEventsBefore = alertEvents(platform);
        long started = System.nanoTime();
        detector.start();
        double facts = awaitAt(detector, factsHead, started);
        double quiet = awaitQuiet(backlog, detector, started);
        long appended = alertEvents(platform) - alertEventsBefore;
        backlog.line("RESULT backlog: %,d facts in %.1f s = %,.0f facts/s (quiet after %.1f s, %,d alert events appended)",
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
        long historyHead = backlog.head();
        long storedEvents = platform.eventCount();
        alertEventsBefore = alertEvents(platform);
        started = System.nanoTime();
        detector.start();
        double history2 = awaitAt(detector, historyHead, started);
        quiet = awaitQuiet(backlog, detector, started);
        appended = alertEvents(platform) - alertEventsBefore;
        backlog.line("RESULT from scratch: %,d events in %.1f s = %,.0f events/s (quiet after %.1f s, %,d alert events appended)",
                storedEvents, history2, storedEvents / history2, quiet, appended);
        backlog.line("load at the end %s", Backlog.loadAverage());
        return new Rates((events - 1) / facts, storedEvents / history2);
    }

    private static double awaitAt(StreamingEventProcessor detector, long position, long started) {
        Awaitility.await("the detector at " + position).atMost(Duration.ofHours(1)).pollInSameThread().pollInterval(POLL)
                .until(() -> Backlog.position(detector) >= position);
        return seconds(started);
    }

    /** Until the detector has handled the alert events of its own commands too: at the head, and the head stays. */
    private static double awaitQuiet(Backlog backlog, StreamingEventProcessor detector, long started) {
        Awaitility.await("the detector quiet").atMost(Duration.ofHours(1)).pollInSameThread().pollInterval(POLL)
                .until(() -> {
                    long head = backlog.head();
                    return Backlog.position(detector) >= head && backlog.head() == head;
                });
        return seconds(started);
    }

    private static long alertEvents(Platform platform) {
        Long count = new JdbcTemplate(platform.bean(DataSource.class)).queryForObject(
                "SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier LIKE 'alert:%'", Long.class);
        return count == null ? 0 : count;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}

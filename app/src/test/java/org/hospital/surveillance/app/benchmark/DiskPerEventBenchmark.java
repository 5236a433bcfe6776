package org.hospital.surveillance.app.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.awaitility.Awaitility;
import org.hospital.surveillance.app.readmodel.ReadModelDurability;
import org.hospital.surveillance.app.support.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Disk per event of the event store (H2 file or PostgreSQL) and of the embedded read models, on the
 * live path: the generated history appended through Axon's storage engine one event per
 * transaction (as a command appends it), with the metadata the platform's own correlation-data
 * providers put on an event of a command sent over HTTP, while every processor runs; measured once
 * they have all caught up, then again after a clean shutdown. Not a test ({@code ./mvnw verify}
 * leaves it out); run it on purpose:
 * <pre>
 * ./mvnw -B -o -pl app -am test -Dtest=DiskPerEventBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbenchmark.events=50000 -Dbenchmark.store=h2      # or -Dbenchmark.store=postgres
 * </pre>
 * The measuring itself is {@link DiskPerEvent}, for other benchmarks to call.
 */
class DiskPerEventBenchmark {

    private final int events = Integer.getInteger("benchmark.events", 50_000);
    private final String store = System.getProperty("benchmark.store", "h2");
    private final int batch = Integer.getInteger("benchmark.batch", 1);
    /** {@code false}: the event store alone, the processors never started. */
    private final boolean readModels = Boolean.parseBoolean(System.getProperty("benchmark.readModels", "true"));
    private final List<String> report = new ArrayList<>();

    @Test
    @Timeout(value = 2, unit = TimeUnit.HOURS)
    void diskPerEvent() throws Exception {
        try (BenchmarkStore on = new BenchmarkStore("disk", store)) {
            long stored;
            try (Platform platform = on.start()) {
                line("Disk per event, %s, %s, %,d events appended %d per transaction, load %s", LocalDateTime.now().withNano(0),
                        store, events, batch, Files.readString(Path.of("/proc/loadavg")).trim());
                EventStorageEngine engine = asCommandsAppend(platform.bean(EventStorageEngine.class),
                        List.copyOf(platform.context().getBeansOfType(CorrelationDataProvider.class).values()));
                // Appended with the processors stopped, then handled by them as live events: on a shared
                // machine both together take far longer, and neither changes what ends up stored.
                platform.streamingProcessors().forEach(StreamingEventProcessor::shutDown);
                long started = System.nanoTime();
                new GeneratedHistory(events).appendTo(engine, 0, events, batch);
                line("appended in %.1f s", (System.nanoTime() - started) / 1e9);
                if (readModels) {
                    started = System.nanoTime();
                    platform.streamingProcessors().forEach(StreamingEventProcessor::start);
                    awaitAllAtHead(platform);
                    line("processors caught up after %.1f s", (System.nanoTime() - started) / 1e9);
                }
                DataSource dataSource = platform.bean(DataSource.class);
                stored = DiskPerEvent.eventCount(dataSource);
                columns(dataSource);
                if (readModels) {
                    readModelDocuments(platform.bean(MongoDatabase.class), platform.context().getBean(com.mongodb.client.MongoClient.class));
                    // As before a token moves: every read-model write so far is in the file.
                    platform.bean(ReadModelDurability.class).makeDurable();
                }
                if (on.postgres()) {
                    line("PostgreSQL tables (pg_total_relation_size): %s", DiskPerEvent.postgresTableBytes(dataSource));
                    long bytes = DiskPerEvent.postgresEventStoreBytes(dataSource);
                    line("RESULT running store=postgres events=%d eventStore=%d bytes=%.0f bytes/event", stored, bytes,
                            DiskPerEvent.bytesPerEvent(bytes, stored));
                }
                sizes("running", on, stored);
                awaitAtRest(on);
                sizes("atRest", on, stored);
            }
            assertThat(stored).isGreaterThanOrEqualTo(events);
            sizes("closed", on, stored);
        } finally {
            Path out = Path.of("target", "benchmark-disk-" + store + ".txt");
            Files.createDirectories(out.getParent());
            Files.write(out, report);
        }
    }

    /** The H2 event store's file (PostgreSQL's are measured while it runs) and the read models' file, per event. */
    private void sizes(String when, BenchmarkStore on, long stored) {
        if (!on.postgres()) {
            long bytes = DiskPerEvent.h2EventStoreBytes(on.dataDir);
            line("RESULT %s store=h2 events=%d eventStore=%d bytes=%.0f bytes/event", when, stored, bytes,
                    DiskPerEvent.bytesPerEvent(bytes, stored));
        }
        if (readModels) {
            long bytes = DiskPerEvent.embeddedReadModelBytes(on.dataDir);
            line("RESULT %s readModels=%d bytes=%.0f bytes/event", when, bytes, DiskPerEvent.bytesPerEvent(bytes, stored));
        }
    }

    /**
     * Until the platform has been idle past H2's retention time (45 s): the chunks of the last
     * commits are freed only then, and housekeeping shrinks the file until it stops shrinking.
     */
    private void awaitAtRest(BenchmarkStore on) {
        AtomicLong last = new AtomicLong(Long.MAX_VALUE);
        Awaitility.await("the files stop shrinking").pollDelay(Duration.ofSeconds(50)).pollInterval(Duration.ofSeconds(10))
                .atMost(Duration.ofMinutes(5)).until(() -> {
                    long now = (on.postgres() ? 0 : DiskPerEvent.h2EventStoreBytes(on.dataDir))
                            + (readModels ? DiskPerEvent.embeddedReadModelBytes(on.dataDir) : 0);
                    return now >= last.getAndSet(now);
                });
    }

    /**
     * The storage engine, with each appended event carrying what an event of a command sent over
     * HTTP carries: the correlation data the platform's providers take from such a command.
     */
    private static EventStorageEngine asCommandsAppend(EventStorageEngine engine, List<CorrelationDataProvider> providers) {
        return new EventStorageEngine() {
            @Override
            public void appendEvents(List<? extends EventMessage<?>> events) {
                List<EventMessage<?>> withOrigin = new ArrayList<>(events.size());
                for (EventMessage<?> event : events) {
                    GenericCommandMessage<Object> command = new GenericCommandMessage<>(event.getPayload(), event.getMetaData());
                    Map<String, Object> metaData = new TreeMap<>();
                    providers.forEach(provider -> metaData.putAll(provider.correlationDataFor(command)));
                    withOrigin.add(((DomainEventMessage<?>) event).andMetaData(MetaData.from(metaData)));
                }
                engine.appendEvents(withOrigin);
            }

            @Override
            public void storeSnapshot(DomainEventMessage<?> snapshot) {
                engine.storeSnapshot(snapshot);
            }

            @Override
            public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
                return engine.readEvents(trackingToken, mayBlock);
            }

            @Override
            public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
                return engine.readEvents(aggregateIdentifier, firstSequenceNumber);
            }

            @Override
            public java.util.Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
                return engine.readSnapshot(aggregateIdentifier);
            }
        };
    }

    /** Every processor, the alert detector included, at the head of the store, twice (the detector appends alerts). */
    private static void awaitAllAtHead(Platform platform) {
        for (int round = 0; round < 2; round++) {
            long head = platform.bean(EventStore.class).createHeadToken().position().orElse(-1L);
            Awaitility.await("processors at " + head).atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> platform.streamingProcessors().stream().allMatch(p -> !p.processingStatus().isEmpty()
                            && p.processingStatus().values().stream()
                            .allMatch(status -> status.getCurrentPosition().orElse(-1L) >= head)));
        }
    }

    /** Average bytes of each column of the event table: what a row is made of. */
    private void columns(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT AVG(LENGTH(eventIdentifier)), AVG(LENGTH(aggregateIdentifier)),"
                     + " AVG(LENGTH(type)), AVG(LENGTH(timeStamp)), AVG(LENGTH(payloadType)), AVG(LENGTH(payloadRevision)),"
                     + " AVG(LENGTH(payload)), AVG(LENGTH(metaData)) FROM DomainEventEntry")) {
            row.next();
            line("average column bytes: eventIdentifier %.0f, aggregateIdentifier %.0f, type %.0f, timeStamp %.0f, "
                            + "payloadType %.0f, payloadRevision %.0f, payload %.0f, metaData %.0f",
                    row.getDouble(1), row.getDouble(2), row.getDouble(3), row.getDouble(4), row.getDouble(5), row.getDouble(6),
                    row.getDouble(7), row.getDouble(8));
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT metaData FROM DomainEventEntry ORDER BY globalIndex DESC LIMIT 1")) {
            row.next();
            line("metadata of the last event: %s", new String(row.getBytes(1), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private void readModelDocuments(MongoDatabase readModels, com.mongodb.client.MongoClient client) {
        Map<String, Long> counts = new TreeMap<>();
        for (String name : readModels.listCollectionNames()) {
            counts.put(name, readModels.getCollection(name).estimatedDocumentCount());
        }
        line("read-model documents: %s", counts);
        try {
            line("oplog entries: %d", client.getDatabase("local").getCollection("oplog.rs").countDocuments());
        } catch (RuntimeException e) {
            line("oplog entries: not countable (%s)", e.getMessage());
        }
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.add(text);
        System.out.println(text);
    }
}

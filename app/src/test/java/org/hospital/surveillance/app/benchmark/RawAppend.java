package org.hospital.surveillance.app.benchmark;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;

/**
 * The store's own speed for the write the platform makes per fact: one row, shaped like Axon's
 * {@code DomainEventEntry} and carrying a lab result's payload and metadata as the platform
 * stores them, inserted with its own commit, by several threads at once. It is the limit HTTP
 * ingest is compared with (issue 12: ingest at 8 connections against a raw append at 8 threads,
 * in the same store and the same run).
 *
 * <p>Use:
 * <pre>
 * try (HikariDataSource h2 = RawAppend.h2FileAsTheAppOpensIt(dir)) {
 *     RawAppend.Result r = RawAppend.run(h2, 8, Duration.ofSeconds(2), Duration.ofSeconds(10));
 *     r.rowsPerSecond();
 * }
 * </pre>
 * The rows go to a table of their own ({@value #TABLE}, created if missing, Axon's PostgreSQL DDL
 * as the platform uses for both databases), never to the platform's event table. Each thread takes
 * a pooled connection per row, inserts, commits and gives it back, as Axon's storage engine does
 * through Spring's transaction manager.
 */
public final class RawAppend {

    public static final String TABLE = "RawAppendEntry";

    /** Committed rows in the measured window, its length, and each commit's latency (connection to commit). */
    public record Result(int threads, long rows, double seconds, double p50Millis, double p99Millis) {
        public double rowsPerSecond() {
            return rows / seconds;
        }
    }

    private RawAppend() {
    }

    /** Rows per second of {@link #run} with a 2 s warm-up. */
    public static double rowsPerSecond(DataSource dataSource, int threads, Duration duration) {
        return run(dataSource, threads, Duration.ofSeconds(2), duration).rowsPerSecond();
    }

    /**
     * {@code threads} threads insert one row and commit, over and over, for {@code warmUp} and then
     * {@code duration}; only the commits that end within {@code duration} count.
     */
    public static Result run(DataSource dataSource, int threads, Duration warmUp, Duration duration) {
        createTable(dataSource);
        String run = UUID.randomUUID().toString().substring(0, 8);
        long start = System.nanoTime() + warmUp.toNanos();
        long end = start + duration.toNanos();
        List<Latencies> perThread = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Latencies latencies = new Latencies();
            perThread.add(latencies);
            String prefix = "lab-result:RAW-" + run + "-" + t + "-";
            Thread worker = new Thread(() -> {
                try {
                    long n = 0;
                    for (long now = System.nanoTime(); now < end && failure.get() == null; now = System.nanoTime()) {
                        appendOne(dataSource, prefix + n++);
                        long committed = System.nanoTime();
                        if (committed >= start && committed < end) {
                            latencies.add(committed - now);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }, "raw-append-" + t);
            workers.add(worker);
            worker.start();
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("A raw append failed", failure.get());
        }
        Latencies all = Latencies.merge(perThread);
        return new Result(threads, all.count(), duration.toNanos() / 1e9, all.percentileMillis(0.50), all.percentileMillis(0.99));
    }

    /**
     * A pool on an H2 file at {@code directory/events} with the URL and settings the platform's
     * embedded default uses ({@code EmbeddedEventStoreDefaults}: {@code WRITE_DELAY=0}, Hikari with 10
     * connections). The directory must not be one a running platform has open.
     */
    public static HikariDataSource h2FileAsTheAppOpensIt(Path directory) {
        String file = directory.resolve("events").toAbsolutePath().normalize().toString();
        return pool("jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", "sa");
    }

    /** A pool of 10 on a PostgreSQL database (user {@code postgres}, trust authentication), as the platform's. */
    public static HikariDataSource postgres(String jdbcUrl) {
        return pool(jdbcUrl, "postgres");
    }

    private static HikariDataSource pool(String url, String user) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword("");
        config.setMaximumPoolSize(10);
        config.setAutoCommit(false);
        return new HikariDataSource(config);
    }

    private static void createTable(DataSource dataSource) {
        EventSchema schema = EventSchema.builder().eventTable(TABLE).build();
        try (Connection connection = dataSource.getConnection()) {
            boolean exists;
            try (var tables = connection.getMetaData().getTables(null, null, null, new String[] {"TABLE"})) {
                exists = false;
                while (tables.next()) {
                    exists |= TABLE.equalsIgnoreCase(tables.getString("TABLE_NAME"));
                }
            }
            if (!exists) {
                try (PreparedStatement create = PostgresEventTableFactory.INSTANCE.createDomainEventTable(connection, schema)) {
                    create.execute();
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create " + TABLE, e);
        }
    }

    /** The columns and values of one lab result as Axon's JDBC engine writes them (payload and metadata as Jackson JSON). */
    private static void appendOne(DataSource dataSource, String aggregateId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
                    + " (eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType,"
                    + " payloadRevision, payload, metaData) VALUES (?,?,?,?,?,?,?,?,?)")) {
                String now = Instant.now().toString();
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, aggregateId);
                insert.setLong(3, 0);
                insert.setString(4, "LabResultAggregate");
                insert.setString(5, now);
                insert.setString(6, "org.hospital.surveillance.events.labresult.LabResultRecorded");
                insert.setString(7, "2");
                insert.setBytes(8, payload(aggregateId));
                insert.setBytes(9, metaData(now));
                insert.executeUpdate();
            }
            connection.commit();
        }
    }

    static byte[] payload(String aggregateId) {
        return ("{\"accessionNumber\":\"" + aggregateId.substring(aggregateId.indexOf(':') + 1)
                + "\",\"patientId\":\"P-104233\",\"wardId\":\"ICU-1\",\"admittedAt\":\"2026-03-01T08:00:00Z\","
                + "\"specimenType\":\"BLOOD\",\"collectedAt\":\"2026-03-05T10:00:00Z\",\"result\":\"POSITIVE\","
                + "\"organism\":\"Staphylococcus aureus\",\"phenotype\":\"MRSA\",\"susceptibility\":["
                + "{\"antibiotic\":\"oxacillin\",\"interpretation\":\"R\"},{\"antibiotic\":\"vancomycin\",\"interpretation\":\"S\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] metaData(String now) {
        return ("{\"traceId\":\"" + UUID.randomUUID() + "\",\"correlationId\":\"" + UUID.randomUUID()
                + "\",\"principal\":\"lab1\",\"channel\":\"HTTP\",\"receivedAt\":\"" + now + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A growable array of nanosecond latencies, one per thread (no sharing while measuring). */
    static final class Latencies {
        private long[] values = new long[1 << 14];
        private int size;

        void add(long nanos) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        int count() {
            return size;
        }

        static Latencies merge(List<Latencies> parts) {
            Latencies all = new Latencies();
            for (Latencies part : parts) {
                for (int i = 0; i < part.size; i++) {
                    all.add(part.values[i]);
                }
            }
            java.util.Arrays.sort(all.values, 0, all.size);
            return all;
        }

        /** Of a merged (sorted) set: the nearest-rank percentile, NaN if empty. */
        double percentileMillis(double p) {
            if (size == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p * size);
            return values[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
        }

        double maxMillis() {
            return size == 0 ? Double.NaN : values[size - 1] / 1e6;
        }
    }
}

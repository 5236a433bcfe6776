package org.hospital.surveillance.app.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's own speed, the limit HTTP ingest is compared with: a raw single-row append with its
 * own commit, from {@code threads} threads each on its own connection, into the platform's event
 * table ({@code DomainEventEntry}) of the same store the platform wrote, while the platform is
 * stopped. The row is a copy of a lab result the platform itself appended (same payload, metadata
 * and type), under a new event id and a new aggregate, so each insert checks the same unique keys
 * and writes the same bytes as an append of a new fact. The H2 file is opened with the URL the
 * platform opens it with.
 */
final class StoreAppend {

    private StoreAppend() {
    }

    /** The URL the platform opens its embedded event store with, for a data directory. */
    static String h2Url(java.nio.file.Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("events").resolve("events").toAbsolutePath().normalize()
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    static Connection open(String url) throws SQLException {
        return url.startsWith("jdbc:h2:") ? DriverManager.getConnection(url, "sa", "")
                : DriverManager.getConnection(url, "postgres", "");
    }

    static HttpLoad.Result run(String url, int threads, Duration warmUp, Duration run) throws Exception {
        Object[] template = template(url);
        long measureFrom = System.nanoTime() + warmUp.toNanos();
        long end = measureFrom + run.toNanos();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch done = new CountDownLatch(threads);
        String prefix = "raw-append:" + UUID.randomUUID().toString().substring(0, 8) + "-";
        for (int t = 0; t < threads; t++) {
            String mine = prefix + t + "-";
            pool.execute(() -> {
                HttpLoad.LongList times = new HttpLoad.LongList();
                try (Connection connection = open(url);
                     PreparedStatement insert = connection.prepareStatement("INSERT INTO DomainEventEntry (eventIdentifier, "
                             + "aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType, payloadRevision, payload, metaData) "
                             + "VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)")) {
                    connection.setAutoCommit(true); // each row its own commit, as each fact's append is
                    for (long n = 0; System.nanoTime() < end; n++) {
                        long started = System.nanoTime();
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setString(2, mine + n);
                        insert.setString(3, (String) template[0]);
                        insert.setString(4, Instant.now().toString());
                        insert.setString(5, (String) template[1]);
                        insert.setString(6, (String) template[2]);
                        insert.setBytes(7, (byte[]) template[3]);
                        insert.setBytes(8, (byte[]) template[4]);
                        boolean success;
                        try {
                            success = insert.executeUpdate() == 1;
                        } catch (SQLException e) {
                            success = false;
                        }
                        long finished = System.nanoTime();
                        if (started >= measureFrom && finished <= end) {
                            if (success) {
                                ok.incrementAndGet();
                                times.add(finished - started);
                            } else {
                                failed.incrementAndGet();
                            }
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("Raw append into " + url + " failed", e);
                } finally {
                    synchronized (latencies) {
                        latencies.add(times.toArray());
                    }
                    done.countDown();
                }
            });
        }
        done.await(warmUp.plus(run).plusMinutes(2).toMillis(), TimeUnit.MILLISECONDS);
        pool.shutdownNow();
        long[] all = latencies.stream().flatMapToLong(java.util.Arrays::stream).sorted().toArray();
        return new HttpLoad.Result(ok.get(), failed.get(), 0, run.toNanos() / 1e9, all);
    }

    /** Type, payload type, revision, payload and metadata of a lab result the platform appended. */
    private static Object[] template(String url) throws SQLException {
        try (Connection connection = open(url); Statement s = connection.createStatement();
             ResultSet row = s.executeQuery("SELECT type, payloadType, payloadRevision, payload, metaData FROM DomainEventEntry "
                     + "WHERE payloadType LIKE '%LabResultRecorded' ORDER BY globalIndex LIMIT 1")) {
            if (!row.next()) {
                throw new IllegalStateException("No lab result in " + url + " to copy");
            }
            return new Object[] {row.getString(1), row.getString(2), row.getString(3), row.getBytes(4), row.getBytes(5)};
        }
    }
}

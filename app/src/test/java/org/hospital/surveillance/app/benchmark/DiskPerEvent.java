package org.hospital.surveillance.app.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Disk per event of each store, for any benchmark to call: the event store on PostgreSQL (Axon's
 * tables with their indexes and TOAST, as PostgreSQL counts them), the event store on H2 and the
 * embedded read models (the files under the data directory, as the operating system counts them).
 * Divide by the number of events in the store: {@code bytesPerEvent(postgresEventStoreBytes(ds), eventCount(ds))}.
 */
public final class DiskPerEvent {

    /** Axon's tables as the platform creates them (PostgreSQL folds the unquoted names to lower case). */
    public static final List<String> AXON_TABLES = List.of("domainevententry", "snapshotevententry", "tokenentry",
            "deadletterentry");

    private DiskPerEvent() {
    }

    public static double bytesPerEvent(long bytes, long events) {
        return events == 0 ? 0 : (double) bytes / events;
    }

    /** Events in the event store, counted by the database. */
    public static long eventCount(DataSource dataSource) {
        return queryLong(dataSource, "SELECT COUNT(*) FROM DomainEventEntry");
    }

    /** Each of Axon's tables that exists, with {@code pg_total_relation_size} (heap, indexes, TOAST). */
    public static Map<String, Long> postgresTableBytes(DataSource dataSource) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT pg_total_relation_size(to_regclass(?))")) {
            for (String table : AXON_TABLES) {
                statement.setString(1, table);
                try (ResultSet row = statement.executeQuery()) {
                    if (row.next() && row.getObject(1) != null) {
                        sizes.put(table, row.getLong(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot size Axon's tables", e);
        }
        return sizes;
    }

    /** Axon's tables on PostgreSQL in all: what the event store costs on disk. */
    public static long postgresEventStoreBytes(DataSource dataSource) {
        return postgresTableBytes(dataSource).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The embedded event store's files ({@code <data-dir>/events/}). */
    public static long h2EventStoreBytes(Path dataDir) {
        return fileBytes(dataDir.resolve("events"));
    }

    /** The embedded read models' files ({@code <data-dir>/readmodels/}). */
    public static long embeddedReadModelBytes(Path dataDir) {
        return fileBytes(dataDir.resolve("readmodels"));
    }

    /** A file's size, or the sum of the regular files under a directory; 0 if absent. */
    public static long fileBytes(Path path) {
        if (!Files.exists(path)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0; // a file removed while walking (H2's temporary files) takes no space
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long queryLong(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}

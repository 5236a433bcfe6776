package org.hospital.surveillance.app.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

/** Disk a store takes per event: files of the embedded default, relations of the PostgreSQL event store. */
final class DiskUse {

    private DiskUse() {
    }

    /** The URL the platform opens its embedded event store with, for a data directory ({@code EmbeddedEventStoreDefaults}). */
    static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("events").resolve("events").toAbsolutePath().normalize()
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    static Connection open(String url) throws SQLException {
        return url.startsWith("jdbc:h2:") ? DriverManager.getConnection(url, "sa", "")
                : DriverManager.getConnection(url, "postgres", "");
    }

    /** Bytes of every file under a directory (the embedded event store's or read models'), once its platform stopped. */
    static long bytesUnder(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    static long events(String url) throws SQLException {
        return single(url, "SELECT COUNT(*) FROM DomainEventEntry");
    }

    /** pg_total_relation_size (table, indexes, TOAST) of the event table. */
    static long postgresEventTable(String url) throws SQLException {
        return single(url, "SELECT pg_total_relation_size('domainevententry')");
    }

    /** The same, summed over every table of the event-store database (tokens, dead letters, audit included). */
    static long postgresAllTables(String url) throws SQLException {
        return single(url, "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = 'public'");
    }

    private static long single(String url, String sql) throws SQLException {
        try (Connection connection = open(url); Statement s = connection.createStatement();
             ResultSet row = s.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}

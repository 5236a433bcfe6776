package org.hospital.surveillance.app.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.PostgresDatabase;
import org.hospital.surveillance.app.support.TempDirs;

/**
 * The event store a benchmark runs the platform on, {@code h2} (the embedded default) or
 * {@code postgres} (a database of its own on the local server), with a data directory of its own
 * either way; closing it drops the database and deletes the directory.
 */
final class BenchmarkStore implements AutoCloseable {

    final Path dataDir;
    private final PostgresDatabase database;

    /** {@code store} as given with {@code -Dbenchmark.store}; {@code benchmark} names the data directory. */
    BenchmarkStore(String benchmark, String store) throws IOException {
        dataDir = Files.createTempDirectory(benchmark + "-benchmark");
        database = store.equals("postgres") ? PostgresDatabase.create() : null;
    }

    boolean postgres() {
        return database != null;
    }

    Platform start(String... properties) {
        return database == null ? Platform.start(dataDir, properties) : Platform.startOnPostgres(dataDir, database, properties);
    }

    @Override
    public void close() throws IOException {
        try {
            if (database != null) {
                database.close();
            }
        } finally {
            TempDirs.delete(dataDir);
        }
    }
}

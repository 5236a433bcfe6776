package org.hospital.surveillance.app.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.logging.Log;
import org.h2.tools.Restore;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * {@code surveillance.restore-from=<backup zip>}: before anything opens a store, unpacks a backup of
 * the embedded event store ({@link EventStoreBackups}) into an EMPTY data directory and forgets
 * where the processors were (their tokens) and what they had parked (the dead letters): both
 * describe read models that are not in the backup. Every processor then starts from the beginning
 * of the restored history, so every read model is rebuilt from it; the alert detector judges the
 * history again, and its commands, idempotent on deterministic alert ids, raise no alert twice.
 *
 * <p>Refuses (the platform does not start) over a data directory that already holds an event store
 * or read models, and when the event store is not the embedded default: a restore never overwrites.
 */
public class RestoreFromBackup implements EnvironmentPostProcessor {

    static final String PROPERTY = "surveillance.restore-from";
    private static final String DATABASE = "events";
    /** Axon's tables that describe read models and parked handling, not the history. */
    private static final List<String> FORGOTTEN_TABLES = List.of("TOKENENTRY", "DEADLETTERENTRY");

    private final Log log;

    public RestoreFromBackup(DeferredLogFactory logs) {
        this.log = logs.getLog(RestoreFromBackup.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String from = environment.getProperty(PROPERTY, "");
        if (from.isBlank()) {
            return;
        }
        Path backup = Path.of(from).toAbsolutePath().normalize();
        Path dataDir = Path.of(environment.getProperty("surveillance.data-dir", "./data")).toAbsolutePath().normalize();
        Path events = dataDir.resolve(DATABASE);
        String url = environment.getProperty("spring.datasource.url", "");
        if (!url.isBlank() && !url.startsWith("jdbc:h2:file:" + events.resolve(DATABASE))) {
            throw new IllegalStateException(PROPERTY + " restores the embedded event store only; this platform's is "
                    + "configured elsewhere (spring.datasource.url)");
        }
        if (!Files.isRegularFile(backup)) {
            throw new IllegalStateException(PROPERTY + ": no backup file at " + backup);
        }
        refuseUnlessEmpty(events);
        refuseUnlessEmpty(dataDir.resolve("readmodels"));
        try {
            Files.createDirectories(events);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + events, e);
        }
        Restore.execute(backup.toString(), events.toString(), DATABASE);
        forgetReadModelState(events.resolve(DATABASE));
        log.info("Event store restored from " + backup + " into " + events
                + "; every read model is rebuilt from the restored history");
    }

    private static void refuseUnlessEmpty(Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalStateException(PROPERTY + " restores into an empty data directory only, but " + directory
                        + " is not empty: start with a fresh surveillance.data-dir (a restore never overwrites)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + directory, e);
        }
    }

    private static void forgetReadModelState(Path database) {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + database, "sa", "");
             Statement statement = connection.createStatement()) {
            for (String table : FORGOTTEN_TABLES) {
                if (exists(connection, table)) {
                    statement.executeUpdate("DELETE FROM " + table);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the restored event store " + database, e);
        }
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = ?")) {
            query.setString(1, table);
            try (ResultSet result = query.executeQuery()) {
                return result.next() && result.getLong(1) > 0;
            }
        }
    }
}

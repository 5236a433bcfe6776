package org.hospital.surveillance.app.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;
import org.hospital.surveillance.app.config.SurveillanceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Online backups of the embedded event store: H2's {@code BACKUP TO}, which copies the database
 * file as of one consistent point while the platform goes on writing. Only the event store (with
 * the processors' tokens and the dead letters) is backed up: the read models are derived from it
 * and rebuilt at a restore ({@link RestoreFromBackup}); docs/operations.md, "Backup and restore".
 */
@Component
class EventStoreBackups {

    private static final Logger log = LoggerFactory.getLogger(EventStoreBackups.class);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'events-'yyyyMMdd'T'HHmmssSSS'Z.zip'")
            .withZone(ZoneOffset.UTC);

    private final JdbcTemplate jdbc;
    private final Path directory;
    private final boolean embedded;
    private final Clock clock = Clock.systemUTC();

    EventStoreBackups(DataSource dataSource, SurveillanceProperties properties,
                      @Value("${spring.datasource.url:}") String url) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.directory = properties.dataDir().resolve("backups").toAbsolutePath().normalize();
        this.embedded = url.startsWith("jdbc:h2:file:");
    }

    /** Whether this platform's event store is the embedded H2 file this class can back up. */
    boolean embedded() {
        return embedded;
    }

    /** Writes one backup into {@code <data-dir>/backups}; two in the same millisecond are serialised by the lock. */
    synchronized Backup take() {
        if (!embedded) {
            throw new IllegalStateException("Not the embedded event store");
        }
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(NAME.format(clock.instant()));
            // The path is ours (data dir + timestamp), never the caller's: no injection through the quoted literal.
            jdbc.execute("BACKUP TO '" + file.toString().replace("'", "''") + "'");
            Backup backup = new Backup(file.getFileName().toString(), Files.size(file));
            log.info("Event store backed up to {} ({} bytes)", file, backup.sizeBytes());
            return backup;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the backup into " + directory, e);
        }
    }

    /** What an ADMIN is told: the file's name under {@code <data-dir>/backups} and its size. */
    record Backup(String name, long sizeBytes) {
    }
}

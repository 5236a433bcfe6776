package org.hospital.surveillance.app.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.tools.Restore;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.TempDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An online backup of the embedded event store, taken while facts keep arriving, restored into a
 * fresh data directory by a second platform: the restored history is the backup's, row for row,
 * every read model rebuilt from it answers as the original platform does for the same history, and
 * no alert is raised a second time (docs/operations.md, "Backup and restore").
 */
class BackupRestoreTest {

    /** The facts posted while the backup is taken go to June onwards, a ward no read of {@link MarchForRebuilds#READS} covers. */
    private static final LocalDate AFTER_MAY = LocalDate.parse("2026-06-01");
    private static final int POSTED_AFTER_THE_BACKUP = 20;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aBackupTakenUnderLoadRestoresTheHistoryAndEveryReadModel() throws Exception {
        Path originalDir = Files.createTempDirectory("surveillance-backup-original");
        Path restoredDir = Files.createTempDirectory("surveillance-backup-restored");
        Path inspectDir = Files.createTempDirectory("surveillance-backup-inspect");
        try (Platform original = Platform.start(originalDir)) {
            HistoryApi api = new HistoryApi(original);
            MarchForRebuilds.post(api);
            original.awaitQuiet();
            Map<String, JsonNode> originalAnswers = api.readAll("epi1", MarchForRebuilds.READS);

            api.postAs("nurse1", "/api/backups").expectStatus().isForbidden();
            original.anonymous().post().uri("/api/backups").exchange().expectStatus().isUnauthorized();

            // A nurse keeps posting census days while the ADMIN takes the backup, and goes on after it.
            AtomicInteger posted = new AtomicInteger();
            AtomicInteger postedAtBackup = new AtomicInteger(-1);
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Void> nurse = CompletableFuture.runAsync(() -> {
                while (!stop.get() && posted.get() < 300) {
                    api.census("BK-1", AFTER_MAY.plusDays(posted.get()).toString(), 20, 1, 0);
                    posted.incrementAndGet();
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> posted.get() >= 5);
            JsonNode backup = api.readJson(api.postAs("admin", "/api/backups").expectStatus().isCreated());
            postedAtBackup.set(posted.get());
            await().atMost(Duration.ofSeconds(60)).until(() -> posted.get() >= postedAtBackup.get() + POSTED_AFTER_THE_BACKUP);
            stop.set(true);
            nurse.get(30, TimeUnit.SECONDS);
            original.awaitQuiet();

            String name = backup.get("name").asText();
            assertThat(name).matches("events-\\d{8}T\\d{9}Z\\.zip");
            Path zip = originalDir.resolve("backups").resolve(name);
            assertThat(backup.get("sizeBytes").asLong()).isEqualTo(Files.size(zip)).isPositive();

            Restore.execute(zip.toString(), inspectDir.toString(), "events");
            List<List<String>> backedUp = rows("jdbc:h2:file:" + inspectDir.resolve("events"));
            List<List<String>> originalRows = rows(original.bean(DataSource.class));
            // Consistent while the nurse was posting: a prefix of the original history, March whole, the nurse's facts in part.
            assertThat(originalRows.size()).isGreaterThan(backedUp.size());
            assertThat(originalRows.subList(0, backedUp.size())).isEqualTo(backedUp);
            long censusDaysBackedUp = backedUp.stream().filter(row -> row.toString().contains("BK-1")).count();
            assertThat(censusDaysBackedUp).isBetween(5L, (long) postedAtBackup.get() + 1);
            // Every alert was raised before the backup (the nurse's census days raise none).
            List<String> alerts = alertsRaised(backedUp);
            assertThat(alerts).isEqualTo(alertsRaised(originalRows)).doesNotHaveDuplicates()
                    .anyMatch(id -> id.startsWith("alert:CLU-"));

            try (Platform restored = Platform.start(restoredDir, "surveillance.restore-from=" + zip)) {
                restored.awaitQuiet();
                // The detector judged the whole restored history again: its commands found every alert raised already.
                // Every event of the backup is in the restored store, identically and at the same position.
                List<List<String>> restoredRows = rows(restored.bean(DataSource.class));
                assertThat(restoredRows.size()).isGreaterThanOrEqualTo(backedUp.size());
                assertThat(restoredRows.subList(0, backedUp.size())).isEqualTo(backedUp);
                // No alert raised twice, and nothing appended to an alert the history holds.
                assertThat(alertsRaised(restoredRows)).isEqualTo(alerts);
                assertThat(restoredRows.subList(backedUp.size(), restoredRows.size()))
                        .noneMatch(row -> row.get(0).startsWith("alert:"));

                HistoryApi restoredApi = new HistoryApi(restored);
                assertThat(restoredApi.readAll("epi1", MarchForRebuilds.READS)).isEqualTo(originalAnswers);
                String june = "/api/rates?month=2026-06&wardId=BK-1";
                assertThat(restoredApi.read("epi1", june).get(0).get("patientDays").asLong())
                        .isEqualTo(20 * Math.min(censusDaysBackedUp, 30));
            }
            // A restore never overwrites: the restored directory now holds a store.
            assertThatThrownBy(() -> Platform.start(restoredDir, "surveillance.restore-from=" + zip))
                    .hasStackTraceContaining("restores into an empty data directory only");
        } finally {
            TempDirs.delete(originalDir);
            TempDirs.delete(restoredDir);
            TempDirs.delete(inspectDir);
        }
    }

    /** The ids of the alerts raised in a history, one per raising event. */
    private static List<String> alertsRaised(List<List<String>> rows) {
        return rows.stream().filter(row -> row.get(1).endsWith("AlertRaised")).map(row -> row.get(0)).toList();
    }

    private static List<List<String>> rows(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return rows(connection);
        }
    }

    private static List<List<String>> rows(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            return rows(connection);
        }
    }

    /** Every stored event, in the order of the history: aggregate, type, sequence, payload, metadata, id, time, position. */
    private static List<List<String>> rows(Connection connection) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (ResultSet result = connection.createStatement().executeQuery(
                "SELECT aggregateIdentifier, payloadType, sequenceNumber, payloadRevision, payload, metaData,"
                        + " eventIdentifier, timeStamp, type, globalIndex FROM DomainEventEntry ORDER BY globalIndex")) {
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int column = 1; column <= 10; column++) {
                    Object value = result.getObject(column);
                    row.add(value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                            : String.valueOf(value));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}

package org.hospital.surveillance.app.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.hospital.surveillance.app.support.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The heartbeat table on both databases the platform runs on: the real PostgreSQL and an H2 database. */
@Timeout(60)
class LiveInstancesTest {

    @Test
    void onPostgres() {
        try (PostgresDatabase database = PostgresDatabase.create()) {
            heartbeatsAreOneRowPerInstanceOnTheDatabaseClockAndGoneInstancesAreForgotten(
                    new DriverManagerDataSource(database.url(), PostgresDatabase.USER, ""));
        }
    }

    @Test
    void onH2() {
        heartbeatsAreOneRowPerInstanceOnTheDatabaseClockAndGoneInstancesAreForgotten(new DriverManagerDataSource(
                "jdbc:h2:mem:live-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
    }

    private static void heartbeatsAreOneRowPerInstanceOnTheDatabaseClockAndGoneInstancesAreForgotten(DataSource dataSource) {
        LiveInstances first = new LiveInstances(dataSource, "first");
        LiveInstances second = new LiveInstances(dataSource, "second");
        first.createTable();
        second.createTable();

        Instant before = first.databaseNow();
        first.heartbeat();
        second.heartbeat();
        first.heartbeat();
        Map<String, Instant> seen = first.lastSeen(first.databaseNow());
        assertThat(seen).containsOnlyKeys("first", "second");
        assertThat(seen.values()).allMatch(at -> !at.isBefore(before.minusMillis(1)) && !at.isAfter(first.databaseNow()));

        // An instance killed two hours ago, never heard from since.
        new JdbcTemplate(dataSource).update("INSERT INTO ProcessingInstance (nodeId, lastSeen) VALUES (?, ?)", "killed",
                OffsetDateTime.ofInstant(first.databaseNow().minus(Duration.ofHours(2)), ZoneOffset.UTC));
        new JdbcTemplate(dataSource).update("INSERT INTO ProcessingInstance (nodeId, lastSeen) VALUES (?, ?)", "silent",
                OffsetDateTime.ofInstant(first.databaseNow().minus(Duration.ofMinutes(30)), ZoneOffset.UTC));
        Instant now = second.databaseNow();
        Map<String, Instant> afterSweep = second.lastSeen(now);
        assertThat(afterSweep).as("swept after an hour, counted by no one before").containsOnlyKeys("first", "second", "silent");
        assertThat(new FairShare(Duration.ofSeconds(6), Duration.ofSeconds(15)).liveInstances(afterSweep, "second", now))
                .isEqualTo(2);

        second.leave();
        assertThat(first.lastSeen(first.databaseNow())).containsOnlyKeys("first", "silent");
    }
}

package org.hospital.surveillance.app.processing;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The instances sharing the event store, each with its last heartbeat, in a table of that store
 * ({@code ProcessingInstance}): a standby instance holds no claim in Axon's token table, so the
 * token owners alone cannot say how many instances could take a segment. Times are the database's
 * own ({@code CURRENT_TIMESTAMP}), so the instances' clocks need not agree. Plain SQL that runs on
 * PostgreSQL and H2.
 */
final class LiveInstances {

    /** Rows of instances gone without a goodbye (killed) are swept after this long. */
    private static final Duration FORGOTTEN_AFTER = Duration.ofHours(1);

    private final JdbcTemplate jdbc;
    private final String self;

    LiveInstances(DataSource dataSource, String self) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.self = self;
    }

    String self() {
        return self;
    }

    void createTable() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS ProcessingInstance ("
                + "nodeId VARCHAR(255) NOT NULL PRIMARY KEY, lastSeen TIMESTAMP WITH TIME ZONE NOT NULL)");
    }

    /** This instance is alive now. */
    void heartbeat() {
        if (jdbc.update("UPDATE ProcessingInstance SET lastSeen = CURRENT_TIMESTAMP WHERE nodeId = ?", self) == 0) {
            jdbc.update("INSERT INTO ProcessingInstance (nodeId, lastSeen) VALUES (?, CURRENT_TIMESTAMP)", self);
        }
    }

    /** The database's clock now. */
    Instant databaseNow() {
        return jdbc.queryForObject("SELECT CURRENT_TIMESTAMP", OffsetDateTime.class).toInstant();
    }

    /** Every registered instance's last heartbeat; those silent for an hour are swept first. */
    Map<String, Instant> lastSeen(Instant databaseNow) {
        jdbc.update("DELETE FROM ProcessingInstance WHERE lastSeen < ?",
                OffsetDateTime.ofInstant(databaseNow.minus(FORGOTTEN_AFTER), java.time.ZoneOffset.UTC));
        Map<String, Instant> seen = new LinkedHashMap<>();
        jdbc.query("SELECT nodeId, lastSeen FROM ProcessingInstance", row -> {
            seen.put(row.getString(1), row.getObject(2, OffsetDateTime.class).toInstant());
        });
        return seen;
    }

    /** This instance stops: the others count without it at once instead of after its expiry. */
    void leave() {
        jdbc.update("DELETE FROM ProcessingInstance WHERE nodeId = ?", self);
    }
}

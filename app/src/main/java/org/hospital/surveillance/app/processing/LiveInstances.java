package org.hospital.surveillance.app.processing;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The instances sharing the event store, each with its last heartbeat, in a table of that store
 * ({@code ProcessingInstance}): a standby instance holds no claim in Axon's token table, so the
 * token owners alone cannot say how many instances could take a segment. Times are the database's
 * own ({@code CURRENT_TIMESTAMP}), so the instances' clocks need not agree. Plain SQL that runs on
 * PostgreSQL and H2. Beside it, {@code ProcessingGathering} holds the processors an instance wants
 * every segment of, for a rebuild.
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
        // One row per processor: at most one instance gathers a processor's segments at a time.
        jdbc.execute("CREATE TABLE IF NOT EXISTS ProcessingGathering ("
                + "processorName VARCHAR(255) NOT NULL PRIMARY KEY, nodeId VARCHAR(255) NOT NULL)");
    }

    /**
     * This instance asks for every segment of the processor, unless another instance heard from
     * after {@code liveSince} stands on its own request for it (the request of one gone silent is
     * taken over).
     *
     * @return whether the request is this instance's now
     */
    boolean gather(String processor, Instant liveSince) {
        jdbc.update("DELETE FROM ProcessingGathering WHERE processorName = ? AND (nodeId = ? OR nodeId NOT IN"
                        + " (SELECT nodeId FROM ProcessingInstance WHERE lastSeen > ?))",
                processor, self, OffsetDateTime.ofInstant(liveSince, ZoneOffset.UTC));
        try {
            jdbc.update("INSERT INTO ProcessingGathering (processorName, nodeId) VALUES (?, ?)", processor, self);
            return true;
        } catch (DuplicateKeyException standing) {
            return false;
        }
    }

    /** This instance no longer needs every segment of the processor. */
    void stopGathering(String processor) {
        jdbc.update("DELETE FROM ProcessingGathering WHERE processorName = ? AND nodeId = ?", processor, self);
    }

    /** Every gathering request: processor to the instance asking. */
    Map<String, String> gatherings() {
        Map<String, String> requests = new LinkedHashMap<>();
        jdbc.query("SELECT processorName, nodeId FROM ProcessingGathering",
                row -> {
                    requests.put(row.getString(1), row.getString(2));
                });
        return requests;
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
                OffsetDateTime.ofInstant(databaseNow.minus(FORGOTTEN_AFTER), ZoneOffset.UTC));
        Map<String, Instant> seen = new LinkedHashMap<>();
        jdbc.query("SELECT nodeId, lastSeen FROM ProcessingInstance", row -> {
            seen.put(row.getString(1), row.getObject(2, OffsetDateTime.class).toInstant());
        });
        return seen;
    }

    /** This instance stops: the others count without it at once instead of after its expiry. */
    void leave() {
        jdbc.update("DELETE FROM ProcessingGathering WHERE nodeId = ?", self);
        jdbc.update("DELETE FROM ProcessingInstance WHERE nodeId = ?", self);
    }
}

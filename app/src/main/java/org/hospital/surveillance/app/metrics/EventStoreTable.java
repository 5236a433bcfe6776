package org.hospital.surveillance.app.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Questions about Axon's event table that the lag and replay gauges ask, answered by the database
 * with the global-index primary key (range counts and a single-row lookup; no payload is read).
 * The schema is Axon's default, as {@code EventStoreConfiguration} builds it.
 */
final class EventStoreTable {

    private final JdbcTemplate jdbc;
    private final String countAfter;
    private final String countUpTo;
    private final String firstTimestampAfter;

    EventStoreTable(DataSource dataSource) {
        this(dataSource, new EventSchema());
    }

    EventStoreTable(DataSource dataSource, EventSchema schema) {
        this.jdbc = new JdbcTemplate(dataSource);
        // Asked during a scrape: a slow database must not hold the scrape past Prometheus's timeout (10 s).
        this.jdbc.setQueryTimeout(3);
        String table = schema.domainEventTable();
        String index = schema.globalIndexColumn();
        this.countAfter = "SELECT COUNT(*) FROM " + table + " WHERE " + index + " > ?";
        this.countUpTo = "SELECT COUNT(*) FROM " + table + " WHERE " + index + " <= ?";
        this.firstTimestampAfter = "SELECT " + schema.timestampColumn() + " FROM " + table + " WHERE " + index
                + " = (SELECT MIN(" + index + ") FROM " + table + " WHERE " + index + " > ?)";
    }

    /** Events stored after the given global index ({@code -1}: all of them). */
    long countAfter(long globalIndex) {
        Long count = jdbc.queryForObject(countAfter, Long.class, globalIndex);
        return count == null ? 0 : count;
    }

    /** Events stored up to and including the given global index. */
    long countUpTo(long globalIndex) {
        Long count = jdbc.queryForObject(countUpTo, Long.class, globalIndex);
        return count == null ? 0 : count;
    }

    /** When the first event after the given global index was created, if there is one. */
    Optional<Instant> firstTimestampAfter(long globalIndex) {
        List<String> stamps = jdbc.queryForList(firstTimestampAfter, String.class, globalIndex);
        return stamps.isEmpty() || stamps.get(0) == null
                ? Optional.empty()
                : Optional.of(DateTimeUtils.parseInstant(stamps.get(0)));
    }
}

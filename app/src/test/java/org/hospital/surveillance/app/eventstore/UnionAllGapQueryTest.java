package org.hospital.surveillance.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.junit.jupiter.api.Test;

/** The rewritten gap query returns exactly what Axon's own query returns, on a real H2 database. */
class UnionAllGapQueryTest {

    @Test
    void returnsTheRangeAfterTheTokenAndTheGapsBelowItInIndexOrder() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:gaps;DB_CLOSE_DELAY=-1", "sa", "")) {
            EventSchema schema = new EventSchema();
            PostgresEventTableFactory.INSTANCE.createDomainEventTable(c, schema).execute();
            // Global indexes 1..12 except 3 and 7, the gaps a token at 8 would still wait for.
            for (long i = 1; i <= 12; i++) {
                if (i != 3 && i != 7) {
                    insert(c, i);
                }
            }
            insert(c, 3);
            insert(c, 7);

            PreparedStatement statement =
                    EventStoreConfiguration.unionAllGapQuery().build(c, schema, 8, 3, List.of(3L, 7L));

            assertThat(indexes(statement)).containsExactly(3L, 7L, 9L, 10L, 11L);
        }
    }

    @Test
    void withASingleGapStillReadsTheRange() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:onegap;DB_CLOSE_DELAY=-1", "sa", "")) {
            EventSchema schema = new EventSchema();
            PostgresEventTableFactory.INSTANCE.createDomainEventTable(c, schema).execute();
            for (long i = 1; i <= 5; i++) {
                insert(c, i);
            }
            PreparedStatement statement = EventStoreConfiguration.unionAllGapQuery().build(c, schema, 2, 100, List.of(1L));
            assertThat(indexes(statement)).containsExactly(1L, 3L, 4L, 5L);
        }
    }

    private static List<Long> indexes(PreparedStatement statement) throws Exception {
        List<Long> found = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                found.add(rs.getLong("globalIndex"));
            }
        }
        return found;
    }

    private static void insert(Connection c, long globalIndex) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO DomainEventEntry (globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, "
                    + "type, timeStamp, payloadType, payloadRevision, payload, metaData) VALUES (" + globalIndex
                    + ", 'e" + globalIndex + "', 'a" + globalIndex + "', 0, 'T', '2026-03-01T00:00:00Z', 'P', NULL, "
                    + "X'7B7D', X'7B7D')");
        }
    }
}

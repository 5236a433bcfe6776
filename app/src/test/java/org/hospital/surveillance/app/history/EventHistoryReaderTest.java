package org.hospital.surveillance.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.h2.jdbcx.JdbcDataSource;
import org.hospital.surveillance.app.support.PostgresDatabase;
import org.hospital.surveillance.events.alert.AlertAcknowledged;
import org.hospital.surveillance.events.casereport.CaseReportRetracted;
import org.hospital.surveillance.projection.history.EventHistoryReader;
import org.hospital.surveillance.projection.history.EventHistoryReader.UpcastEvent;
import org.hospital.surveillance.projection.history.HistoryQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The one history reader on both databases the platform runs on (the embedded H2 file database's
 * engine, in memory here, and PostgreSQL), over rows written straight into Axon's table as the
 * storage engine writes them. What a query asks is answered by the database: the rows the reader
 * fetched ({@link EventHistoryReader#rowsRead()}) are the matching ones, not the table.
 *
 * <p>Ten events, positions 1..10, recorded on March 1..10 at 10:00:00.123Z; odd positions are
 * retractions of reports C-1, C-3, ..., even ones acknowledgements of alerts, ...
 * Position 1 is stored in revision 0 with the field {@code why}, which the test's upcaster renames
 * to today's {@code reason}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventHistoryReaderTest {

    private static final String RETRACTED = CaseReportRetracted.class.getName();
    private static final String ACKNOWLEDGED = AlertAcknowledged.class.getName();
    private static final JacksonSerializer SERIALIZER = JacksonSerializer.defaultSerializer();

    static PostgresDatabase postgres;
    static DataSource h2;
    static DataSource pg;

    @BeforeAll
    static void writeTenEvents() throws SQLException {
        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:reader-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2 = memory;
        postgres = PostgresDatabase.create();
        PGSimpleDataSource server = new PGSimpleDataSource();
        server.setURL(postgres.url());
        server.setUser(PostgresDatabase.USER);
        pg = server;
        for (DataSource dataSource : List.of(h2, pg)) {
            try (Connection c = dataSource.getConnection()) {
                PostgresEventTableFactory.INSTANCE.createDomainEventTable(c, new EventSchema()).execute();
                for (int i = 1; i <= 10; i++) {
                    String recordedAt = String.format("2026-03-%02dT10:00:00.123Z", i);
                    if (i == 1) {
                        insert(c, RETRACTED, "0", "case-report:C-1", recordedAt, "{\"caseId\":\"C-1\",\"why\":\"duplicate\"}");
                    } else if (i % 2 == 1) {
                        insert(c, RETRACTED, "1", "case-report:C-" + i, recordedAt, "{\"caseId\":\"C-" + i + "\",\"reason\":\"r\"}");
                    } else {
                        insert(c, ACKNOWLEDGED, null, "alert:A-" + i, recordedAt, "{\"alertId\":\"A-" + i + "\",\"note\":null}");
                    }
                }
            }
        }
    }

    @AfterAll
    static void dropPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    static Stream<String> databases() {
        return Stream.of("h2", "postgresql");
    }

    private static EventHistoryReader reader(String database, int pageSize) {
        return new EventHistoryReader(database.equals("h2") ? h2 : pg, SERIALIZER, new WhyIsNowReason(), pageSize,
                EventHistoryReader.DEFAULT_MAX_GAP_OFFSET);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theWholeHistoryComesInAppendOrderAcrossPagesUpcast(String database) {
        EventHistoryReader reader = reader(database, 3);
        List<TrackedEventMessage<?>> all;
        try (Stream<TrackedEventMessage<?>> events = reader.messages(HistoryQuery.everything())) {
            all = events.toList();
        }
        assertThat(all).extracting(e -> e.trackingToken().position().orElseThrow())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(all.get(0).getPayload()).isEqualTo(new CaseReportRetracted("C-1", "duplicate"));
        assertThat(all.get(1).getPayload()).isEqualTo(new AlertAcknowledged("A-2", null));
        assertThat(all.get(9).getTimestamp()).isEqualTo(Instant.parse("2026-03-10T10:00:00.123Z"));
        DomainEventMessage<?> third = (DomainEventMessage<?>) all.get(2);
        assertThat(third.getAggregateIdentifier()).isEqualTo("case-report:C-3");
        assertThat(third.getSequenceNumber()).isZero();
        assertThat(third.getMetaData()).containsEntry("principal", "epi1").containsEntry("channel", "HTTP");
        assertThat(reader.rowsRead()).isEqualTo(10);

        try (Stream<UpcastEvent> upcast = reader.upcast(HistoryQuery.everything())) {
            UpcastEvent first = upcast.findFirst().orElseThrow();
            assertThat(first.position()).isEqualTo(1);
            assertThat(first.representation().getData(JsonNode.class).getData().get("reason").asText())
                    .isEqualTo("duplicate");
            assertThat(first.representation().getAggregateIdentifier()).contains("case-report:C-1");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void streamsAreReadByTheirKeyUpToAndIncludingTheInstantWhateverTheirNumber(String database) {
        EventHistoryReader reader = reader(database, 2);
        // 1,200 streams that do not exist around the three that do: three queries of at most 500.
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            asked.add("case-report:NONE-" + i);
        }
        asked.addAll(600, List.of("case-report:C-5", "alert:A-2", "case-report:C-3", "alert:A-2"));

        try (Stream<TrackedEventMessage<?>> events = reader.streams(asked, Instant.parse("2026-03-05T10:00:00.123Z"))) {
            assertThat(events.map(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier()))
                    .containsExactlyInAnyOrder("alert:A-2", "case-report:C-3", "case-report:C-5");
        }
        assertThat(reader.rowsRead()).isEqualTo(3);
        // A millisecond earlier, C-5 (recorded at .123) is not yet: the exact bound inside the second.
        try (Stream<TrackedEventMessage<?>> events = reader.streams(asked, Instant.parse("2026-03-05T10:00:00.122Z"))) {
            assertThat(events.<Object>map(e -> e.getPayload())).containsExactlyInAnyOrder(
                    new AlertAcknowledged("A-2", null), new CaseReportRetracted("C-3", "r"));
        }
        try (Stream<TrackedEventMessage<?>> events = reader.streams(List.of(), Instant.parse("2026-03-05T10:00:00Z"))) {
            assertThat(events).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aTypeIsAnsweredByTheDatabase(String database) {
        EventHistoryReader reader = reader(database, 2);
        assertThat(positions(reader, new HistoryQuery(-1, null, null, Set.of("AlertAcknowledged"))))
                .containsExactly(2L, 4L, 6L, 8L, 10L);
        assertThat(reader.rowsRead()).isEqualTo(5);
        assertThat(positions(reader, HistoryQuery.ofTypes(CaseReportRetracted.class))).containsExactly(1L, 3L, 5L, 7L, 9L);
        assertThat(reader.rowsRead()).isEqualTo(10);
        // A simple name is a whole name: no other type ends in it.
        assertThat(positions(reader, new HistoryQuery(-1, null, null, Set.of("Acknowledged")))).isEmpty();
        assertThat(reader.rowsRead()).isEqualTo(10);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aTimeRangeIsAnsweredByTheDatabaseToTheSecondAndExactlyAfterwards(String database) {
        EventHistoryReader reader = reader(database, 2);
        // [March 3 10:00:00.123, March 6 10:00:00): March 3, 4 and 5, and nothing else read.
        assertThat(positions(reader, new HistoryQuery(-1, Instant.parse("2026-03-03T10:00:00.123Z"),
                Instant.parse("2026-03-06T10:00:00Z"), Set.of()))).containsExactly(3L, 4L, 5L);
        assertThat(reader.rowsRead()).isEqualTo(3);
        // A millisecond later: March 3's row shares the bound's second, so it is read, then left out.
        assertThat(positions(reader, new HistoryQuery(-1, Instant.parse("2026-03-03T10:00:00.124Z"),
                Instant.parse("2026-03-06T10:00:00Z"), Set.of()))).containsExactly(4L, 5L);
        assertThat(reader.rowsRead()).isEqualTo(6);
        // Up to and including an instant (time travel): March 1 and 2.
        assertThat(positions(reader, HistoryQuery.upToAndIncluding(Instant.parse("2026-03-02T10:00:00.123Z"))))
                .containsExactly(1L, 2L);
        assertThat(reader.rowsRead()).isEqualTo(8);
        assertThat(positions(reader, HistoryQuery.upToAndIncluding(Instant.parse("2026-03-02T10:00:00.122Z"))))
                .containsExactly(1L);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aPositionIsAnsweredByTheDatabaseAndCombinesWithTheRest(String database) {
        EventHistoryReader reader = reader(database, 500);
        assertThat(positions(reader, HistoryQuery.everything().after(7))).containsExactly(8L, 9L, 10L);
        assertThat(reader.rowsRead()).isEqualTo(3);
        assertThat(positions(reader, new HistoryQuery(4, Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-03-09T00:00:00Z"), Set.of("CaseReportRetracted")))).containsExactly(5L, 7L);
        assertThat(reader.rowsRead()).isEqualTo(5);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anUnfilteredReadCarriesAxonsGapAwareTokensAFilteredOnePlainOnes(String database) throws SQLException {
        DataSource dataSource = database.equals("h2") ? h2 : pg;
        // A transaction that has taken index 11 and not committed yet: 12 is read first.
        try (Connection c = dataSource.getConnection()) {
            insert(c, RETRACTED, "1", "case-report:C-11", "2026-03-11T10:00:00.123Z", "{\"caseId\":\"C-11\",\"reason\":\"r\"}");
            insert(c, RETRACTED, "1", "case-report:C-12", "2026-03-12T10:00:00.123Z", "{\"caseId\":\"C-12\",\"reason\":\"r\"}");
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM DomainEventEntry WHERE aggregateIdentifier = ?")) {
                delete.setString(1, "case-report:C-11");
                delete.executeUpdate();
            }
        }
        try {
            EventHistoryReader reader = reader(database, 4);
            try (Stream<TrackedEventMessage<?>> events = reader.messages(HistoryQuery.everything().after(9))) {
                List<TrackedEventMessage<?>> read = events.toList();
                assertThat(read).extracting(e -> e.trackingToken().position().orElseThrow()).containsExactly(10L, 12L);
                GapAwareTrackingToken last = (GapAwareTrackingToken) read.get(1).trackingToken();
                assertThat(last.getIndex()).isEqualTo(12);
                assertThat(last.getGaps()).containsExactly(11L);
            }
            try (Stream<TrackedEventMessage<?>> events = reader.messages(HistoryQuery.ofTypes(CaseReportRetracted.class))) {
                assertThat(events.toList()).last().extracting(TrackedEventMessage::trackingToken)
                        .isEqualTo(new GlobalSequenceTrackingToken(12));
            }
        } finally {
            // The other tests read positions 1..10.
            try (Connection c = dataSource.getConnection();
                 PreparedStatement delete = c.prepareStatement("DELETE FROM DomainEventEntry WHERE globalIndex > 10")) {
                delete.executeUpdate();
            }
        }
    }

    private static List<Long> positions(EventHistoryReader reader, HistoryQuery query) {
        try (Stream<UpcastEvent> events = reader.upcast(query)) {
            return events.map(UpcastEvent::position).toList();
        }
    }

    private static void insert(Connection c, String payloadType, String revision, String aggregateId, String recordedAt,
                               String payload) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO DomainEventEntry (eventIdentifier, "
                + "aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType, payloadRevision, payload, metaData) "
                + "VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, aggregateId);
            insert.setString(3, aggregateId.substring(0, aggregateId.indexOf(':')));
            insert.setString(4, recordedAt);
            insert.setString(5, payloadType);
            insert.setString(6, revision);
            insert.setBytes(7, payload.getBytes(StandardCharsets.UTF_8));
            insert.setBytes(8, "{\"principal\":\"epi1\",\"channel\":\"HTTP\"}".getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
    }

    /** Revision 0 of a retraction called its reason {@code why}. */
    private static final class WhyIsNowReason extends SingleEventUpcaster {
        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().equals(new SimpleSerializedType(RETRACTED, "0"));
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(new SimpleSerializedType(RETRACTED, "1"), JsonNode.class, node -> {
                ObjectNode payload = (ObjectNode) node;
                payload.set("reason", payload.remove("why"));
                return payload;
            });
        }
    }
}

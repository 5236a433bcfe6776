package org.hospital.surveillance.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.hospital.surveillance.events.EventMetadata;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reads the event history straight from Axon's event table in append order, one page of
 * {@code surveillance.history.page-size} rows (default 500) at a time keyed on the global index.
 * Memory stays constant however long the history, no connection is held between pages, and a slow
 * client only slows its own reads (the next page is fetched when the previous one has been written out).
 *
 * <p>Every row goes through the same upcaster chain Axon applies when projections read the store
 * (the {@link EventUpcaster} beans, in their order), so an event written in an older shape comes
 * out in today's: the history an epidemiologist exports is the one the figures were computed from.
 */
@Component
public class EventHistory {

    static final int DEFAULT_PAGE_SIZE = 500;
    private static final String PAGE_SQL = "SELECT globalIndex, eventIdentifier, type, aggregateIdentifier, sequenceNumber, "
            + "timeStamp, payloadType, payloadRevision, payload, metaData FROM DomainEventEntry "
            + "WHERE globalIndex > ? ORDER BY globalIndex ASC";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Serializer serializer;
    private final EventUpcasterChain upcasters;
    private final int pageSize;

    public EventHistory(DataSource dataSource, ObjectMapper json, @Qualifier("eventSerializer") Serializer serializer,
                        ObjectProvider<EventUpcaster> upcasters,
                        @Value("${surveillance.history.page-size:" + DEFAULT_PAGE_SIZE + "}") int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("surveillance.history.page-size must be >= 1, was " + pageSize);
        }
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setMaxRows(pageSize);
        this.json = json;
        this.serializer = serializer;
        this.upcasters = new EventUpcasterChain(upcasters.orderedStream().toList());
        this.pageSize = pageSize;
    }

    public Flux<RecordedEvent> read(HistoryFilter filter) {
        return page(-1)
                .expand(page -> page.rows() < pageSize ? Mono.empty() : page(page.lastPosition()))
                .concatMapIterable(Page::events)
                .filter(filter::accepts);
    }

    /** One page of rows; its events may be fewer or more than its rows if an upcaster dropped or split one. */
    private record Page(int rows, long lastPosition, List<RecordedEvent> events) {
    }

    /** One stored row and the events it upcasts to (usually exactly one). */
    private record Row(long position, List<RecordedEvent> events) {
    }

    private Mono<Page> page(long afterPosition) {
        // JDBC blocks: never on the event loop.
        return Mono.fromCallable(() -> {
            List<Row> rows = jdbc.query(PAGE_SQL, (rs, n) -> toRow(rs), afterPosition);
            long last = rows.isEmpty() ? afterPosition : rows.get(rows.size() - 1).position();
            return new Page(rows.size(), last, rows.stream().flatMap(row -> row.events().stream()).toList());
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private Row toRow(ResultSet rs) throws SQLException {
        long position = rs.getLong("globalIndex");
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>(
                rs.getString("type"), rs.getString("aggregateIdentifier"), rs.getLong("sequenceNumber"),
                rs.getString("eventIdentifier"), rs.getString("timeStamp"), rs.getString("payloadType"),
                rs.getString("payloadRevision"), rs.getBytes("payload"), rs.getBytes("metaData"));
        try (Stream<IntermediateEventRepresentation> upcast =
                     upcasters.upcast(Stream.of(new InitialEventRepresentation(stored, serializer)))) {
            return new Row(position, upcast.map(event -> toEvent(position, event)).toList());
        }
    }

    private RecordedEvent toEvent(long position, IntermediateEventRepresentation event) {
        String payloadType = event.getType().getName();
        return new RecordedEvent(
                position,
                payloadType.substring(payloadType.lastIndexOf('.') + 1),
                event.getAggregateIdentifier().orElse(""),
                event.getSequenceNumber().orElse(0L),
                event.getTimestamp(),
                event.getData(JsonNode.class).getData(),
                submissionMetadata(event.getMetaData().getObject()));
    }

    /** Only what says who submitted the fact, how and when; Axon's tracing ids are internal. */
    private JsonNode submissionMetadata(MetaData all) {
        ObjectNode kept = json.createObjectNode();
        for (String key : new String[] {EventMetadata.PRINCIPAL, EventMetadata.CHANNEL, EventMetadata.RECEIVED_AT}) {
            if (all.containsKey(key)) {
                kept.set(key, json.valueToTree(all.get(key)));
            }
        }
        return kept;
    }
}

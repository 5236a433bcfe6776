package org.hospital.surveillance.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.hospital.surveillance.events.EventMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reads the event history straight from Axon's event table in append order, one page of
 * {@value #PAGE_SIZE} rows at a time keyed on the global index. Memory stays constant however long
 * the history, no connection is held between pages, and a slow client only slows its own reads
 * (the next page is fetched when the previous one has been written out).
 */
@Component
public class EventHistory {

    static final int PAGE_SIZE = 500;
    private static final String PAGE_SQL = "SELECT globalIndex, payloadType, aggregateIdentifier, sequenceNumber, "
            + "timeStamp, payload, metaData FROM DomainEventEntry WHERE globalIndex > ? ORDER BY globalIndex ASC";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public EventHistory(DataSource dataSource, ObjectMapper json) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setMaxRows(PAGE_SIZE);
        this.json = json;
    }

    public Flux<RecordedEvent> read(HistoryFilter filter) {
        return page(-1)
                .expand(page -> page.size() < PAGE_SIZE ? Mono.empty() : page(page.get(page.size() - 1).position()))
                .concatMapIterable(page -> page)
                .filter(event -> filter.acceptsType(event.type())
                        && filter.acceptsRecordedAt(event.recordedAt())
                        && filter.acceptsPayload(event.payload()));
    }

    private Mono<List<RecordedEvent>> page(long afterPosition) {
        // JDBC blocks: never on the event loop.
        return Mono.fromCallable(() -> jdbc.query(PAGE_SQL, (rs, n) -> toEvent(rs), afterPosition))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private RecordedEvent toEvent(ResultSet rs) throws SQLException {
        String payloadType = rs.getString("payloadType");
        return new RecordedEvent(
                rs.getLong("globalIndex"),
                payloadType.substring(payloadType.lastIndexOf('.') + 1),
                rs.getString("aggregateIdentifier"),
                rs.getLong("sequenceNumber"),
                Instant.parse(rs.getString("timeStamp")),
                parse(rs.getBytes("payload")),
                submissionMetadata(parse(rs.getBytes("metaData"))));
    }

    /** Only what says who submitted the fact, how and when; Axon's tracing ids are internal. */
    private JsonNode submissionMetadata(JsonNode all) {
        ObjectNode kept = json.createObjectNode();
        for (String key : new String[] {EventMetadata.PRINCIPAL, EventMetadata.CHANNEL, EventMetadata.RECEIVED_AT}) {
            if (all.has(key)) {
                kept.set(key, all.get(key));
            }
        }
        return kept;
    }

    private JsonNode parse(byte[] bytes) {
        try {
            return bytes == null ? json.createObjectNode() : json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("An event in the store is not JSON", e);
        }
    }
}

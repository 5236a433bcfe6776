package org.hospital.surveillance.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.hospital.surveillance.blocking.Uninterrupted;
import org.hospital.surveillance.events.EventMetadata;
import org.hospital.surveillance.projection.history.EventHistoryReader;
import org.hospital.surveillance.projection.history.EventHistoryReader.UpcastEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The history export: the rows of {@link EventHistoryReader} (time range and type answered by the
 * database, upcasters applied, one page in memory at a time) mapped to the export's own
 * {@link HistoryRow}, the remaining criteria of the {@link HistoryFilter} applied to the row. No
 * connection is held between pages, and a slow client only slows its own reads (the next page is
 * fetched when the previous one has been written out).
 */
@Component
public class EventHistory {

    private final EventHistoryReader reader;

    public EventHistory(EventHistoryReader reader) {
        this.reader = reader;
    }

    public Flux<HistoryRow> read(HistoryFilter filter) {
        // JDBC blocks: pages are fetched on demand, never on the event loop; a client that hangs up
        // stops the reading at the next row, without an interrupt.
        return Uninterrupted.stream(() -> reader.upcast(filter.query()))
                .map(EventHistory::row)
                .filter(filter::accepts);
    }

    static HistoryRow row(UpcastEvent event) {
        IntermediateEventRepresentation stored = event.representation();
        String payloadType = stored.getType().getName();
        String aggregateId = stored.getAggregateIdentifier().orElse("");
        int colon = aggregateId.indexOf(':');
        MetaData metadata = stored.getMetaData().getObject();
        String principal = text(metadata.get(EventMetadata.PRINCIPAL));
        String channel = text(metadata.get(EventMetadata.CHANNEL));
        String receivedAt = text(metadata.get(EventMetadata.RECEIVED_AT));
        return new HistoryRow(
                HistoryRow.VERSION,
                event.position(),
                payloadType.substring(payloadType.lastIndexOf('.') + 1),
                colon < 0 ? aggregateId : aggregateId.substring(0, colon),
                colon < 0 ? aggregateId : aggregateId.substring(colon + 1),
                aggregateId,
                stored.getSequenceNumber().orElse(0L),
                stored.getTimestamp(),
                principal,
                channel,
                stored.getData(JsonNode.class).getData(),
                new HistoryRow.Submission(principal, channel, receivedAt));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}

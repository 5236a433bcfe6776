package org.hospital.surveillance.projection.history;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.hospital.surveillance.projection.support.InMemoryReadModelStores;
import org.hospital.surveillance.projection.support.ProjectionReplica;
import org.hospital.surveillance.projection.support.RebuildableProjection;

/**
 * A projection's read model as it was at an instant: the projection's own event handlers run over
 * memory instead of MongoDB, fed the events recorded (event timestamp) up to and including that
 * instant, in append order. Events recorded later, corrections and retractions included, are never
 * seen. The live read models are not touched.
 *
 * <p>Cost: one read of the history up to the instant on the caller's thread (blocking JDBC), the
 * time bound answered by the database ({@link EventHistoryReader}), and memory for the read model
 * alone (one document per ward-month or alert and one small locator per fact), never per event.
 * Append order and timestamp order can differ by the time a transaction takes to commit; the
 * reader selects by timestamp, not by position, so an event stamped before the instant but
 * appended after later ones is in, however late it committed.
 */
public final class ReadModelsAsOf {

    private final EventHistoryReader history;
    private final Map<String, RebuildableProjection> projections = new LinkedHashMap<>();

    public ReadModelsAsOf(EventHistoryReader history, List<RebuildableProjection> projections) {
        this.history = history;
        projections.forEach(p -> this.projections.put(p.name(), p));
    }

    /** Every document the projection's collection would have held had it seen only the events recorded up to {@code asOf}. */
    public List<Document> documents(String projection, String collection, Instant asOf) {
        RebuildableProjection definition = projections.get(projection);
        if (definition == null) {
            throw new NoSuchElementException("No projection " + projection);
        }
        InMemoryReadModelStores stores = new InMemoryReadModelStores();
        ProjectionReplica replica = new ProjectionReplica(definition, stores);
        // Only the events the projection handles are fetched: the database filters the types and the time.
        HistoryQuery query = HistoryQuery.upToAndIncluding(asOf);
        query = replica.payloadTypes().map(query::withTypes).orElse(query);
        try (Stream<TrackedEventMessage<?>> events = history.messages(query)) {
            events.forEach(replica::apply);
        }
        return stores.documents(collection).all();
    }
}

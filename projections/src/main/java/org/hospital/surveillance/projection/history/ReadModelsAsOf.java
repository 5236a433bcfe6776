package org.hospital.surveillance.projection.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.hospital.surveillance.projection.support.ProjectionReplica;
import org.hospital.surveillance.projection.support.RebuildableProjection;
import org.hospital.surveillance.projection.support.InMemoryReadModelStores;

/**
 * A projection's read model as it was at an instant: the projection's own event handlers run over
 * memory instead of MongoDB, fed the events recorded (event timestamp) up to and including that
 * instant, read from the event store from its tail in append order. Events recorded later,
 * corrections and retractions included, are never seen. The live read models are not touched.
 *
 * <p>Cost: one sequential read of the history from the start up to the instant, on the caller's
 * thread (blocking JDBC), and memory for the read model alone (one document per ward-month or
 * alert and one small locator per fact), never per event. Append order and timestamp order can
 * differ by the time a transaction takes to commit, so the read goes on past the instant by
 * {@code commitSkew} and skips what is later.
 */
public final class ReadModelsAsOf {

    private final EventStorageEngine events;
    private final Map<String, RebuildableProjection> projections = new LinkedHashMap<>();
    private final Duration commitSkew;

    public ReadModelsAsOf(EventStorageEngine events, List<RebuildableProjection> projections, Duration commitSkew) {
        this.events = events;
        projections.forEach(p -> this.projections.put(p.name(), p));
        this.commitSkew = commitSkew;
    }

    /** Every document the projection's collection would have held had it seen only the events recorded up to {@code asOf}. */
    public List<Document> documents(String projection, String collection, Instant asOf) {
        RebuildableProjection definition = projections.get(projection);
        if (definition == null) {
            throw new NoSuchElementException("No projection " + projection);
        }
        InMemoryReadModelStores stores = new InMemoryReadModelStores();
        ProjectionReplica replica = new ProjectionReplica(definition, stores);
        Instant readUntil = asOf.plus(commitSkew);
        try (Stream<? extends TrackedEventMessage<?>> history = events.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> it = history.iterator();
            while (it.hasNext()) {
                TrackedEventMessage<?> event = it.next();
                if (event.getTimestamp().isAfter(readUntil)) {
                    break;
                }
                if (!event.getTimestamp().isAfter(asOf)) {
                    replica.apply(event);
                }
            }
        }
        return stores.documents(collection).all();
    }
}

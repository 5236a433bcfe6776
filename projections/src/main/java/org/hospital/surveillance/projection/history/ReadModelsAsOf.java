package org.hospital.surveillance.projection.history;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.hospital.surveillance.projection.support.FactStreamsHeld;
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
        InMemoryReadModelStores stores = new InMemoryReadModelStores();
        ProjectionReplica replica = new ProjectionReplica(projection(projection), stores);
        // Only the events the projection handles are fetched: the database filters the types and the time.
        HistoryQuery query = HistoryQuery.upToAndIncluding(asOf);
        query = replica.payloadTypes().map(query::withTypes).orElse(query);
        try (Stream<TrackedEventMessage<?>> events = history.messages(query)) {
            events.forEach(replica::apply);
        }
        return stores.documents(collection).all();
    }

    /**
     * What {@link #documents} gives for the documents {@code today} reads (the live buckets of, say,
     * one month, or the alerts on the board), computed from the event streams of only the facts those
     * documents have ever reflected ({@link RebuildableProjection#streamsHeld}: a bucket's
     * {@link FactStreamsHeld}, an alert's own stream) instead of the whole history: a fact in one of
     * them at {@code asOf} is among those, or among the events the projection has not handled yet,
     * and each document depends on its own facts' events only. So the cost is that of what is asked
     * plus the projection's lag, however long the history. The result holds those documents as they
     * were (absent if none then), and others the same facts touched: the caller selects. Where the
     * documents cannot tell (a bucket created before the list was kept), the whole history is read.
     *
     * @param handledUpTo the position up to which the projection has handled every event, read
     *                    before {@code today}: a fact placed after the buckets were read is then
     *                    found among the events after that position
     */
    public List<Document> documents(String projection, String collection, Instant asOf, long handledUpTo,
                                    Supplier<List<Document>> today) {
        RebuildableProjection definition = projection(projection);
        Optional<Set<String>> held = definition.streamsHeld(collection, today.get());
        if (held.isEmpty()) {
            return documents(projection, collection, asOf);
        }
        InMemoryReadModelStores stores = new InMemoryReadModelStores();
        ProjectionReplica replica = new ProjectionReplica(definition, stores);
        Set<String> facts = new LinkedHashSet<>(held.get());
        HistoryQuery notYetHandled = HistoryQuery.upToAndIncluding(asOf).after(handledUpTo);
        notYetHandled = replica.payloadTypes().map(notYetHandled::withTypes).orElse(notYetHandled);
        try (Stream<TrackedEventMessage<?>> events = history.messages(notYetHandled)) {
            // Only the stream ids: payloads are not deserialised here.
            events.forEach(event -> facts.add(((DomainEventMessage<?>) event).getAggregateIdentifier()));
        }
        try (Stream<TrackedEventMessage<?>> events = history.streams(facts, asOf)) {
            events.forEach(replica::apply);
        }
        return stores.documents(collection).all();
    }

    private RebuildableProjection projection(String name) {
        RebuildableProjection definition = projections.get(name);
        if (definition == null) {
            throw new NoSuchElementException("No projection " + name);
        }
        return definition;
    }
}

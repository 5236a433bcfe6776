package org.hospital.surveillance.projection.support;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the figure projections (rates, environment and sterilization compliance) share: a bucket
 * collection and a fact-locator collection kept through a {@link FactBook}, and a ledger of the
 * projection's own built on a {@link FactPlacer} over it. Switching stores (a rebuilt generation)
 * builds the ledger again on the new book.
 *
 * <p>The live instance derives a locator a rebuilt generation lacks from the fact's own events
 * ({@link #readMissingLocatorsFrom}): a copy of the projection over memory applies them, and its
 * book then holds the locator. Copies ({@link #over}) never need to: they see every fact from its
 * first event.
 */
public abstract class FigureProjection implements RebuildableProjection {

    private final String name;
    private final String buckets;
    private final String facts;
    private final List<String> queryFields;
    private volatile FactBook book;
    private volatile FactStreams streams;

    protected FigureProjection(String name, String buckets, String facts, List<String> queryFields) {
        this.name = Objects.requireNonNull(name, "name");
        this.buckets = Objects.requireNonNull(buckets, "buckets");
        this.facts = Objects.requireNonNull(facts, "facts");
        this.queryFields = List.copyOf(queryFields);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> collections() {
        return List.of(buckets, facts);
    }

    /** A bucket lists every fact it has held ({@link FactStreamsHeld}). */
    @Override
    public Optional<Set<String>> streamsHeld(String collection, List<Document> documents) {
        return collection.equals(buckets) ? FactStreamsHeld.of(documents) : Optional.empty();
    }

    /** The live projection reads a fact's events from the event store when it lacks the fact's locator. */
    @Autowired
    public final void readMissingLocatorsFrom(ObjectProvider<EventStore> eventStore) {
        // Looked up at first use: the event store's configuration registers this projection.
        readMissingLocatorsFrom(factId -> {
            EventStore store = eventStore.getIfAvailable();
            return store == null ? Stream.empty() : store.readEvents(factId, 0).asStream();
        });
    }

    public final void readMissingLocatorsFrom(FactStreams streams) {
        this.streams = streams;
    }

    /** Subclasses call this once their own fields are set, as it builds their ledger. */
    @Override
    public final void writeTo(ReadModelStores stores) {
        FactBook next = stores.factBook(buckets, facts, queryFields);
        useLedgerOver(new FactPlacer(next, this::locatorBefore));
        book = next;
    }

    /** The fact's locator once its events before {@code sequence} are applied by a copy of this projection in memory. */
    private Optional<FactRecord> locatorBefore(String factId, long sequence) {
        FactStreams source = streams;
        if (source == null) {
            return Optional.empty();
        }
        InMemoryReadModelStores memory = new InMemoryReadModelStores();
        ProjectionReplica copy = new ProjectionReplica(this, memory);
        try (Stream<? extends DomainEventMessage<?>> events = source.of(factId)) {
            events.takeWhile(event -> event.getSequenceNumber() < sequence).forEach(copy::apply);
        }
        return memory.factBook(buckets, facts, queryFields).find(factId);
    }

    /** Builds the projection's ledger on this placer; it replaces the previous one. */
    protected abstract void useLedgerOver(FactPlacer placer);

    @ResetHandler
    public void reset() {
        book.clear();
    }
}

package org.hospital.surveillance.command.alert;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Axon's caching repository, except that an aggregate taken from the cache is first brought up to
 * date with the events stored after the version it was cached at: one indexed read that normally
 * finds nothing, instead of a replay of the whole stream.
 *
 * <p>Why not Axon's cache alone: it trusts its entry, and another instance on the same event store
 * may have appended to the stream since. A stale entry that appends still fails on the store's
 * unique (aggregate, sequence) key, but a stale entry that decides to append nothing would go
 * unnoticed: an acknowledgement of an alert the other instance closed would be answered as done,
 * and a membership the other instance changed would not be put back. Reading the newer events
 * first leaves only the true race (an append between this read and this commit), which the unique
 * key turns into a {@code ConcurrencyException}; Axon's caching repository drops the entry when the
 * unit of work rolls back, so the retried command loads the stream afresh.
 */
public class CatchingUpCachedRepository<T> extends CachingEventSourcingRepository<T> {

    private final Cache cache;
    private final EventStore eventStore;

    public CatchingUpCachedRepository(EventSourcingRepository.Builder<T> builder, Cache cache, EventStore eventStore) {
        super(builder.cache(cache).eventStore(eventStore));
        this.cache = cache;
        this.eventStore = eventStore;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        boolean cached = cache.containsKey(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        // An entry evicted between the check and the load only costs a read that finds nothing.
        if (cached && aggregate.version() != null) {
            DomainEventStream newer = eventStore.readEvents(aggregateIdentifier, aggregate.version() + 1);
            // Axon's initializeState takes the stream's last sequence, which an empty stream lacks.
            if (newer.hasNext()) {
                aggregate.initializeState(newer);
            }
        }
        return aggregate;
    }
}

package org.hospital.surveillance.projection.support;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * Delivers domain events to a projection through Axon's own annotation adapter, so the handlers'
 * parameter resolution ({@code @SequenceNumber}) and {@code @ResetHandler} are exercised as a
 * tracking processor would.
 */
public final class EventFeed {

    private final AnnotationEventHandlerAdapter adapter;

    public EventFeed(Object projection) {
        this.adapter = new AnnotationEventHandlerAdapter(projection);
    }

    public void deliver(DomainEvent event) {
        try {
            adapter.handle(new GenericDomainEventMessage<>(
                    event.payload().getClass().getSimpleName(), event.aggregateId(), event.sequence(), event.payload()));
        } catch (Exception e) {
            throw new IllegalStateException("handler failed on " + event, e);
        }
    }

    public void deliverAll(Iterable<DomainEvent> events) {
        events.forEach(this::deliver);
    }

    public void reset() {
        adapter.prepareReset();
    }

    /** An event as the store holds it: payload, aggregate and sequence number within the aggregate. */
    public record DomainEvent(String aggregateId, long sequence, Object payload) {
    }
}

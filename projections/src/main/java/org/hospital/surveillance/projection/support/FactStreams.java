package org.hospital.surveillance.projection.support;

import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;

/** A fact's own events, read from the event store by its stream id (the aggregate identifier). */
@FunctionalInterface
public interface FactStreams {

    /** The fact's events in sequence order from its first, upcast; the caller closes the stream. */
    Stream<? extends DomainEventMessage<?>> of(String factId);
}

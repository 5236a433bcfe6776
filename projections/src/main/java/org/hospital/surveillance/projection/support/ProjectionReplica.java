package org.hospital.surveillance.projection.support;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;

/**
 * A second instance of a projection over other stores, fed events directly rather than by a
 * processor. Events go through Axon's own annotation adapter, so the very handlers (and their
 * {@code @SequenceNumber}, {@code @Timestamp}, {@code @MetaDataValue} parameters) of the live
 * projection compute the copy.
 */
public final class ProjectionReplica {

    private final AnnotationEventHandlerAdapter handlers;

    public ProjectionReplica(RebuildableProjection projection, ReadModelStores stores) {
        this.handlers = new AnnotationEventHandlerAdapter(projection.over(stores));
    }

    /** Applies the event if the projection handles its type; others are passed over without being deserialised. */
    public void apply(EventMessage<?> event) {
        if (!handlers.canHandle(event)) {
            return;
        }
        try {
            handlers.handle(event);
        } catch (Exception e) {
            throw new IllegalStateException("Projection failed on event " + event.getIdentifier(), e);
        }
    }
}

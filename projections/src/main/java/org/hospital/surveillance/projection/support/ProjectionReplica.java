package org.hospital.surveillance.projection.support;

import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.MessageHandlingMember;

/**
 * A second instance of a projection over other stores, fed events directly rather than by a
 * processor. Events go through Axon's own annotation adapter, so the very handlers (and their
 * {@code @SequenceNumber}, {@code @Timestamp}, {@code @MetaDataValue} parameters) of the live
 * projection compute the copy.
 */
public final class ProjectionReplica {

    private final AnnotationEventHandlerAdapter handlers;
    private final Object copy;

    public ProjectionReplica(RebuildableProjection projection, ReadModelStores stores) {
        this.copy = projection.over(stores);
        this.handlers = new AnnotationEventHandlerAdapter(copy);
    }

    /**
     * The payload types (class names, as the event store keeps them) of the events the projection
     * handles, for a reader that asks the database for those only; empty when a handler takes a
     * type that others extend, whose stored names cannot be listed.
     */
    public Optional<Set<String>> payloadTypes() {
        Set<Class<?>> types = AnnotatedHandlerInspector.inspectType(copy.getClass()).getAllHandlers().values().stream()
                .flatMap(Set::stream)
                .filter(handler -> handler.canHandleMessageType(EventMessage.class))
                .map(MessageHandlingMember::payloadType)
                .filter(type -> !type.getName().startsWith("org.axonframework."))
                .collect(Collectors.toSet());
        if (types.stream().anyMatch(type -> !Modifier.isFinal(type.getModifiers()))) {
            return Optional.empty();
        }
        return Optional.of(types.stream().map(Class::getName).collect(Collectors.toSet()));
    }

    /** Whether the projection handles events of this payload type. */
    public boolean handles(Class<?> payloadType) {
        return handlers.canHandleType(payloadType);
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

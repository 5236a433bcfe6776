package org.hospital.surveillance.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.hospital.surveillance.events.EventMetadata;

/**
 * {@code surveillance_facts_accepted_total{stream, event, channel}}: events appended to the store.
 * It counts at the event store, not at the HTTP layer, so a fact is counted once whichever
 * channel brought it (HTTP, HL7, or the platform itself for alerts), a duplicate submission that
 * appended nothing is not counted, and an append whose transaction rolls back (e.g. the losing one
 * of two concurrent first submissions) is not counted either: the counter moves after the commit.
 *
 * <p>Tags are bounded: {@code stream} from the aggregate-id prefix (six values or {@code other}),
 * {@code event} the event's class name (a fixed vocabulary), {@code channel} from the metadata
 * (HTTP, HL7, SYSTEM or {@code other}). No identifier of a fact or a patient becomes a tag.
 */
final class AcceptedFacts {

    static final String METRIC = "surveillance.facts.accepted";
    private static final Set<String> CHANNELS = Set.of(
            EventMetadata.CHANNEL_HTTP, EventMetadata.CHANNEL_HL7, EventMetadata.CHANNEL_SYSTEM);

    private final MeterRegistry registry;

    private AcceptedFacts(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Installs the counter on the event store. Not a Spring bean of the interceptor type on purpose:
     * Axon's auto-configuration would also put such a bean on the event gateway and count twice.
     */
    static AcceptedFacts installOn(EventBus eventStore, MeterRegistry registry) {
        AcceptedFacts facts = new AcceptedFacts(registry);
        eventStore.registerDispatchInterceptor(facts.interceptor());
        return facts;
    }

    private MessageDispatchInterceptor<EventMessage<?>> interceptor() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
                return (index, message) -> {
                    Counter counter = counterFor(message);
                    if (CurrentUnitOfWork.isStarted()) {
                        CurrentUnitOfWork.get().afterCommit(unitOfWork -> counter.increment());
                    } else {
                        counter.increment();
                    }
                    return message;
                };
            }
        };
    }

    private Counter counterFor(EventMessage<?> message) {
        String stream = message instanceof DomainEventMessage<?> domain
                ? FactStreams.ofAggregate(domain.getAggregateIdentifier())
                : FactStreams.OTHER;
        Object channel = message.getMetaData().get(EventMetadata.CHANNEL);
        String channelTag = channel != null && CHANNELS.contains(channel.toString()) ? channel.toString() : "other";
        return counter(stream, message.getPayloadType().getSimpleName(), channelTag);
    }

    private Counter counter(String stream, String event, String channel) {
        return Counter.builder(METRIC)
                .description("Events appended to the event store (facts accepted), by stream, event type and channel")
                .tag("stream", stream)
                .tag("event", event)
                .tag("channel", channel)
                .register(registry);
    }
}

package org.hospital.surveillance.app.deadletter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.hospital.surveillance.query.board.ParkedFacts;

/**
 * What the figure projections parked, and what an administrator does about it. A parked sequence
 * (one fact's events, oldest first) is addressed by the identifier of its first event: opaque, and
 * free of the fact's natural key (a lab's accession number, a ward and date), so neither lands in
 * a URL or an access log. What is shown of a sequence is equally free of identifiers: the stream,
 * the event types, when it was parked and the type of the failure (not its message, which may
 * quote the fact).
 */
public final class ParkedSequences implements ParkedFacts {

    /** One parked fact as the API shows it. */
    public record Parked(String id, String processor, String stream, List<String> eventTypes, Instant parkedAt,
                         Instant lastTried, String causeType) {
    }

    private final EventProcessingConfiguration processing;
    private final List<String> processors;

    ParkedSequences(EventProcessingConfiguration processing, List<String> processors) {
        this.processing = processing;
        this.processors = List.copyOf(processors);
    }

    public List<String> processors() {
        return processors;
    }

    /** How many facts the processor has parked (0 for one that parks nothing). */
    public long count(String processor) {
        return queue(processor).map(SequencedDeadLetterQueue::amountOfSequences).orElse(0L);
    }

    /** What the alert board shows: the processors that parked something, and how many facts. */
    @Override
    public Map<String, Long> parkedByProjection() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String processor : processors) {
            long parked = count(processor);
            if (parked > 0) {
                counts.put(processor, parked);
            }
        }
        return counts;
    }

    public List<Parked> list(String processor) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = requiredQueue(processor);
        List<Parked> parked = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            Iterator<DeadLetter<? extends EventMessage<?>>> letters = sequence.iterator();
            if (!letters.hasNext()) {
                continue;
            }
            DeadLetter<? extends EventMessage<?>> first = letters.next();
            List<String> types = new ArrayList<>(List.of(first.message().getPayloadType().getSimpleName()));
            Instant lastTried = first.lastTouched();
            while (letters.hasNext()) {
                DeadLetter<? extends EventMessage<?>> next = letters.next();
                types.add(next.message().getPayloadType().getSimpleName());
            }
            parked.add(new Parked(first.message().getIdentifier(), processor, stream(first.message()), types,
                    first.enqueuedAt(), lastTried, first.cause().map(Cause::type).orElse(null)));
        }
        return parked;
    }

    /**
     * Hands the parked fact to the projection again, oldest event first (Axon's dead-letter processor,
     * in the processor's transaction: the read models are durable before the letters go).
     *
     * @return whether every letter of it was applied; if one fails again it stays parked
     * @throws NoSuchElementException if nothing is parked under this id
     */
    public boolean retry(String processor, String id) {
        requireParked(processor, id);
        return processing.sequencedDeadLetterProcessor(processor).orElseThrow()
                .process(letter -> letter.message().getIdentifier().equals(id))
                && !isParked(processor, id);
    }

    /**
     * Gives the parked fact up: its events stay in the history, the projection leaves them out until a
     * rebuild (which applies them again, or parks them again if they still fail).
     *
     * @throws NoSuchElementException if nothing is parked under this id
     */
    public void evict(String processor, String id) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = requiredQueue(processor);
        requireParked(processor, id).forEach(queue::evict);
    }

    private boolean isParked(String processor, String id) {
        return sequence(processor, id).isPresent();
    }

    private List<DeadLetter<? extends EventMessage<?>>> requireParked(String processor, String id) {
        return sequence(processor, id).orElseThrow(() -> new NoSuchElementException("Nothing parked under " + id));
    }

    /** The letters of the sequence whose first event has this identifier. */
    private Optional<List<DeadLetter<? extends EventMessage<?>>>> sequence(String processor, String id) {
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : requiredQueue(processor).deadLetters()) {
            List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
            sequence.forEach(letters::add);
            if (!letters.isEmpty() && letters.get(0).message().getIdentifier().equals(id)) {
                return Optional.of(letters);
            }
        }
        return Optional.empty();
    }

    /** The fact's stream, the part of its aggregate id before the key: {@code lab-result}, {@code ward-census}. */
    private static String stream(EventMessage<?> message) {
        if (message instanceof DomainEventMessage<?> event) {
            String aggregate = event.getAggregateIdentifier();
            int colon = aggregate.indexOf(':');
            return colon > 0 ? aggregate.substring(0, colon) : event.getType();
        }
        return null;
    }

    private Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue(String processor) {
        return processors.contains(processor) ? processing.deadLetterQueue(processor) : Optional.empty();
    }

    private SequencedDeadLetterQueue<EventMessage<?>> requiredQueue(String processor) {
        return queue(processor).orElseThrow(() -> new NoSuchElementException(
                "'" + processor + "' parks nothing; these do: " + String.join(", ", processors)));
    }
}

package org.hospital.surveillance.projection.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The read-ahead hands the folding thread every event of the source, in order, deserialised on
 * the reading thread; a read's failure after the events before it; and a close before the end
 * stops the reader, which closes the source.
 */
@Timeout(30)
class ReadAheadTest {

    @Test
    void everyEventInOrderAcrossBatchesEachDeserialisedOnTheReadingThread() {
        int count = ReadAhead.BATCH * (ReadAhead.BATCHES_AHEAD + 3) + 7;
        Set<String> deserialisedOn = ConcurrentHashMap.newKeySet();
        AtomicBoolean sourceClosed = new AtomicBoolean();
        Stream<EventMessage<?>> source = IntStream.range(0, count)
                .<EventMessage<?>>mapToObj(n -> lazy(n, deserialisedOn))
                .onClose(() -> sourceClosed.set(true));

        List<Integer> folded;
        try (Stream<EventMessage<?>> ahead = ReadAhead.of(source, "reader-under-test")) {
            folded = ahead.map(event -> (Integer) event.getPayload()).toList();
        }

        assertThat(folded).containsExactlyElementsOf(IntStream.range(0, count).boxed().toList());
        assertThat(deserialisedOn).containsExactly("reader-under-test");
        assertThat(sourceClosed).isTrue();
    }

    @Test
    void aFailedReadReachesTheFoldingThreadAfterTheEventsBeforeIt() {
        int failAt = ReadAhead.BATCH + 3;
        Stream<EventMessage<?>> source = IntStream.range(0, failAt + 10).<EventMessage<?>>mapToObj(n -> {
            if (n == failAt) {
                throw new IllegalStateException("the event store went away");
            }
            return GenericEventMessage.asEventMessage(n);
        });
        AtomicInteger folded = new AtomicInteger();

        try (Stream<EventMessage<?>> ahead = ReadAhead.of(source, "reader-under-test")) {
            assertThatThrownBy(() -> ahead.forEach(event -> assertThat(event.getPayload()).isEqualTo(folded.getAndIncrement())))
                    .isInstanceOf(IllegalStateException.class).hasMessage("the event store went away");
        }
        assertThat(folded).hasValue(failAt);
    }

    @Test
    void closingBeforeTheEndStopsTheReaderWhichClosesTheSource() {
        AtomicBoolean sourceClosed = new AtomicBoolean();
        AtomicInteger read = new AtomicInteger();
        // An endless history: only a stop ends the reader.
        Stream<EventMessage<?>> source = Stream.iterate(0, n -> n + 1)
                .<EventMessage<?>>map(n -> {
                    read.incrementAndGet();
                    return GenericEventMessage.asEventMessage(n);
                })
                .onClose(() -> sourceClosed.set(true));

        try (Stream<EventMessage<?>> ahead = ReadAhead.of(source, "reader-under-test")) {
            assertThat(ahead.limit(10).<Object>map(EventMessage::getPayload).toList()).containsExactlyElementsOf(
                    IntStream.range(0, 10).<Object>boxed().toList());
        }

        assertThat(sourceClosed).isTrue();
        int atClose = read.get();
        // Bounded: it read at most the batches it may queue, the one it held and the one it was filling.
        assertThat(atClose).isLessThanOrEqualTo(ReadAhead.BATCH * (ReadAhead.BATCHES_AHEAD + 2));
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("reader-under-test") && t.isAlive());
    }

    /** An event whose payload is "deserialised" on first use, noting the thread that did it (as Axon's lazy payloads are). */
    private static EventMessage<?> lazy(int n, Set<String> deserialisedOn) {
        return new GenericEventMessage<Integer>(n) {
            private final AtomicBoolean deserialised = new AtomicBoolean();

            @Override
            public Integer getPayload() {
                if (deserialised.compareAndSet(false, true)) {
                    deserialisedOn.add(Thread.currentThread().getName());
                }
                return super.getPayload();
            }
        };
    }
}

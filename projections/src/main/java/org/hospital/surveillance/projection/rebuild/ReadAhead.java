package org.hospital.surveillance.projection.rebuild;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.EventMessage;

/**
 * A rebuild's history read on a thread of its own, a few thousand events ahead of the thread that
 * folds them: reading the pages, upcasting and deserialising each payload there, applying the
 * projections and writing their buffers here. In a profile of the bulk pass the two halves were
 * about even (docs/benchmarks.md, "What bounds the rebuild"), and one thread did both while the
 * second core was idle for most of the pass.
 *
 * <p>The reading thread is never interrupted (an interrupt during H2's file read closes its file
 * channel, and with it the store): closing the stream asks it to stop at its next event, lets go of
 * what it queued, and waits for it. It closes the source itself. A failure of the read reaches the
 * folding thread as the same exception, after the events read before it.
 */
final class ReadAhead {

    static final int BATCH = 512;
    static final int BATCHES_AHEAD = 8;
    private static final long STOP_WAIT_MS = 10_000;

    private ReadAhead() {
    }

    /** The same events in the same order, read ahead on a new thread of this name. */
    static <T extends EventMessage<?>> Stream<T> of(Stream<T> source, String threadName) {
        Reader<T> reader = new Reader<>(source);
        Thread thread = new Thread(reader, threadName);
        thread.setDaemon(true);
        thread.start();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(reader.iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(() -> reader.stop(thread));
    }

    /** What the reading thread hands over: a batch of events, the end, or the read's failure. */
    private record Batch<T>(List<T> events, RuntimeException failure, boolean last) {
    }

    private static final class Reader<T extends EventMessage<?>> implements Runnable {

        private final Stream<T> source;
        private final BlockingQueue<Batch<T>> batches = new ArrayBlockingQueue<>(BATCHES_AHEAD);
        private volatile boolean stopped;

        Reader(Stream<T> source) {
            this.source = source;
        }

        @Override
        public void run() {
            Batch<T> end = new Batch<>(List.of(), null, true);
            List<T> batch = new ArrayList<>(BATCH);
            try (source) {
                Iterator<T> events = source.iterator();
                while (!stopped && events.hasNext()) {
                    T event = events.next();
                    event.getPayload(); // deserialised here, not on the folding thread
                    batch.add(event);
                    if (batch.size() == BATCH) {
                        hand(new Batch<>(batch, null, false));
                        batch = new ArrayList<>(BATCH);
                    }
                }
            } catch (RuntimeException e) {
                end = new Batch<>(List.of(), e, true);
            } catch (Error e) {
                end = new Batch<>(List.of(), new IllegalStateException("Reading the history failed", e), true);
            }
            // The events read before a failure go first: the folding thread applies them, then fails.
            if (!batch.isEmpty()) {
                hand(new Batch<>(batch, null, false));
            }
            hand(end);
        }

        /** Queues a batch, waiting for room unless the folding side has stopped. */
        private void hand(Batch<T> batch) {
            try {
                while (!stopped) {
                    if (batches.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }

        Iterator<T> iterator() {
            return new Iterator<>() {
                private Iterator<T> current = List.<T>of().iterator();
                private boolean ended;

                @Override
                public boolean hasNext() {
                    while (!current.hasNext() && !ended) {
                        Batch<T> next = take();
                        if (next.failure() != null) {
                            ended = true;
                            throw next.failure();
                        }
                        ended = next.last();
                        current = next.events().iterator();
                    }
                    return current.hasNext();
                }

                @Override
                public T next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return current.next();
                }
            };
        }

        private Batch<T> take() {
            try {
                return batches.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the history", e);
            }
        }

        /** Asks the reading thread to stop, lets go of what it queued, and waits for it to close the source. */
        void stop(Thread thread) {
            stopped = true;
            batches.clear();
            try {
                thread.join(STOP_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

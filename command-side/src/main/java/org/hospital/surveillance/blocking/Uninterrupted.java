package org.hospital.surveillance.blocking;

import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The one way to run blocking work (JDBC, the embedded H2 files) off the event loop: on
 * {@code boundedElastic}'s threads, and never interrupted, whatever the subscriber does.
 *
 * <p>An interrupt of a thread reading or writing the embedded H2 file closes the file's channel, and
 * the store refuses everything until a restart. {@code subscribeOn(Schedulers.boundedElastic())}
 * interrupts: a client that hangs up cancels the subscription, which disposes the running task, and
 * boundedElastic's tasks are futures cancelled with an interrupt (so are those of
 * {@code Schedulers.fromExecutorService}). A scheduler made by {@code Schedulers.fromExecutor} over a
 * plain {@link java.util.concurrent.Executor} has no future to cancel: disposing its task only stops
 * a task that has not started. Its executor hands each task to boundedElastic through a task handle
 * no one disposes, so the threads and their caps stay boundedElastic's.
 *
 * <p>A cancelled {@link #call} or {@link #run} finishes its work and its result is dropped. A
 * cancelled {@link #stream} stops at the next row: Reactor checks the subscription's cancellation
 * before each element it takes from the stream, and closes the stream.
 */
public final class Uninterrupted {

    /** For an operator that takes a scheduler; prefer the methods below. */
    public static final Scheduler SCHEDULER = Schedulers.fromExecutor(task -> Schedulers.boundedElastic().schedule(task));

    private Uninterrupted() {
    }

    /** The value {@code work} returns (empty for null), computed on a thread no cancellation interrupts. */
    public static <T> Mono<T> call(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(SCHEDULER);
    }

    /** {@code work} run to its end on a thread no cancellation interrupts. */
    public static Mono<Void> run(Runnable work) {
        return Mono.<Void>fromRunnable(work).subscribeOn(SCHEDULER);
    }

    /**
     * The rows of the stream, read on demand on a thread no cancellation interrupts; a cancelled
     * subscription stops the reading before the next row and closes the stream.
     */
    public static <T> Flux<T> stream(Supplier<Stream<? extends T>> rows) {
        return Flux.fromStream(rows).subscribeOn(SCHEDULER);
    }
}

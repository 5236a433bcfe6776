package org.hospital.surveillance.command.intake;

import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * The threads that record facts: a fixed number of workers and a bounded queue, of their own.
 *
 * <p>Before, facts were recorded on Reactor's shared {@code boundedElastic} threads, whose queue
 * holds 100,000 tasks per thread. A load above what the store can take then queued for tens of
 * seconds (15 s median at a paced 1,000 facts/s, docs/benchmarks.md), past an interface engine's
 * own timeout, so it re-sent facts that were still waiting; and everything else on those threads
 * waited behind them: the Prometheus scrape, health checks, history reads. Here a fact beyond
 * {@link IntakeSettings#maxWaiting()} is refused at once with a 503 and {@code Retry-After}
 * ({@link IntakeBusy}), nothing appended, and the rest of the platform keeps its threads.
 *
 * <p>Each task runs through {@link ThreadPoolExecutor#execute}, never {@code submit}: there is no
 * future to cancel, so a client that hangs up never interrupts a worker in the middle of a write to
 * the embedded H2 file (see {@code blocking/Uninterrupted}).
 */
public final class IntakeWorkers implements AutoCloseable {

    private final ThreadPoolExecutor pool;
    private final IntakeSettings settings;

    public IntakeWorkers(IntakeSettings settings) {
        this.settings = settings;
        AtomicInteger numbers = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.MILLISECONDS,
                // A SynchronousQueue when nothing may wait: a LinkedBlockingQueue needs a capacity of at least 1.
                settings.maxWaiting() == 0 ? new SynchronousQueue<>() : new LinkedBlockingQueue<>(settings.maxWaiting()),
                task -> {
                    Thread thread = new Thread(task, "intake-" + numbers.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * {@code work}'s result (empty for null), computed on a worker; a {@link IntakeBusy} error at once
     * when every worker is busy and the queue is full. A cancelled subscription lets the work finish
     * and drops its result.
     *
     * <p>The refusal is caught here rather than left to a Reactor scheduler: Reactor reports an
     * executor's refusal to the thread's uncaught-exception handler before it signals the error, which
     * printed a stack trace for every refused fact, thousands a second in an overload.
     */
    public <T> Mono<T> call(Callable<T> work) {
        return Mono.create(sink -> {
            try {
                pool.execute(() -> {
                    try {
                        sink.success(work.call());
                    } catch (Throwable failure) {
                        sink.error(failure);
                    }
                });
            } catch (RejectedExecutionException refused) {
                sink.error(new IntakeBusy(settings.retryAfter()));
            }
        });
    }

    /** Facts accepted and not yet picked up by a worker. */
    public int waiting() {
        return pool.getQueue().size();
    }

    /** Workers recording a fact now. */
    public int busy() {
        return pool.getActiveCount();
    }

    /** Lets the facts already accepted finish (a bounded wait), refuses new ones. */
    @Override
    public void close() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }
}

package org.hospital.surveillance.app.eventstore;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;

/**
 * What H2's background writer does to a file store now and then, for the two stores that run without
 * one (the event store with {@code WRITE_DELAY=0}, the read-model file opened without auto-commit, so
 * that a commit is written by the thread that asked for it). Without it every commit's chunk stays in
 * the file for good: the store kept about 16 KB of file per event appended one per transaction.
 *
 * <p>Live pages of chunks that are mostly garbage are rewritten into a new chunk, under the store's
 * own lock; the next commit frees the chunks nothing refers to any more (after H2's 45 s retention
 * time), later chunks reuse their space and the file shrinks when its end is free. Chunks are not
 * moved to shrink it further: H2's chunk move failed its own assertion when called this way
 * (RandomAccessStore.moveChunkInside), so that is left to H2's close.
 */
public final class MvStoreHousekeeping {

    /** Chunks less full than this are rewritten. */
    static final int FILL_RATE_PERCENT = 80;
    /** Per run, at most about this much rewritten: a commit waiting behind it waits briefly. */
    static final int WRITE_BYTES = 4 * 1024 * 1024;

    private MvStoreHousekeeping() {
    }

    /** A daemon thread of its own for a store's timed work. */
    public static ScheduledExecutorService timer(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Stops a {@link #timer}, letting a run under way finish: an interrupt during a file write closes
     * H2's file channel, and with it the store.
     */
    public static void stop(ScheduledExecutorService timer) {
        timer.shutdown();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void run(MVStore store) {
        if (store.isClosed()) {
            return;
        }
        store.compact(FILL_RATE_PERCENT, WRITE_BYTES);
    }
}

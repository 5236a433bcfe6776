package org.hospital.surveillance.app.readmodel;

import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVStore;
import org.hospital.surveillance.app.eventstore.MvStoreHousekeeping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 MVStore file under the embedded read-model server, opened here rather than by the server's
 * backend so that its commits are ours to time.
 *
 * <p>H2 opens a store with a background writer that commits about once a second and hands the
 * writing of a commit to its own executor: a {@code commit()} that finds that writer has already
 * taken the changes returns before they are in the file. Opened without auto-commit, every commit
 * writes in the calling thread, under the store's lock, so when {@link #makeDurable} returns every
 * write acknowledged before the call is in the file. Writes no processor commits (a rebuild's, the
 * generation pointer) are committed by a timer every {@link #COMMIT_EVERY_MS} ms, as H2's own writer
 * did; the file's space is compacted on the same thread every other second ({@link MvStoreHousekeeping}: without
 * H2's background writer nothing else frees the chunks every commit leaves behind).
 *
 * <p>A commit never lands in the middle of a server command: the server's commands hold this file's
 * command lock shared, a commit holds it exclusively ({@link EmbeddedReadModelBackend} says why).
 *
 * <p>A commit writes to the operating system, which keeps it across a kill of this process. It
 * does not fsync (the event store's H2 does not either): an operating-system crash or power loss
 * can lose the last seconds of both stores (docs/operations.md, "Durability").
 */
final class EmbeddedReadModelFile implements ReadModelDurability, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedReadModelFile.class);
    static final long COMMIT_EVERY_MS = 1_000;
    private static final long HOUSEKEEPING_EVERY_COMMITS = 2;

    private final MVStore store;
    private final ScheduledExecutorService timer;
    private final ReentrantReadWriteLock commits = new ReentrantReadWriteLock();
    private long timedCommits;

    EmbeddedReadModelFile(Path file) {
        // Compressed pages: the server keeps documents Java-serialized, class descriptors and field names
        // repeated in every one; a file written uncompressed before is read as it is.
        this.store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().compress().open();
        this.timer = MvStoreHousekeeping.timer("read-model-file-commit");
        timer.scheduleWithFixedDelay(this::timedCommit, COMMIT_EVERY_MS, COMMIT_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    MVStore store() {
        return store;
    }

    /** Held by each server command (shared), so that no commit sees a command half done. */
    Lock commandLock() {
        return commits.readLock();
    }

    @Override
    public void makeDurable() {
        betweenCommands(store::commit);
    }

    /** Runs the action while no server command is in progress (none starts until it returns). */
    void betweenCommands(Runnable action) {
        commits.writeLock().lock();
        try {
            action.run();
        } finally {
            commits.writeLock().unlock();
        }
    }

    private void timedCommit() {
        try {
            makeDurable();
            if (++timedCommits % HOUSEKEEPING_EVERY_COMMITS == 0) {
                // Housekeeping rewrites and commits chunks: between commands as well.
                betweenCommands(() -> MvStoreHousekeeping.run(store));
            }
        } catch (RuntimeException e) {
            // Retried at the next tick; a processor's own commit fails its batch, which is retried too.
            log.warn("Could not commit the read-model file; retrying", e);
        }
    }

    /** Stops the timer; the server's backend closes the store itself (a last commit included). */
    @Override
    public void close() {
        MvStoreHousekeeping.stop(timer);
    }
}

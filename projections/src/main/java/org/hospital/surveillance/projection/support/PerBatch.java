package org.hospital.surveillance.projection.support;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * A buffer that lives as long as one Axon batch: a processor handles a batch of events in one root
 * unit of work, whose transaction stores the batch's token. The buffer is kept among the unit's
 * resources and flushed in its prepare-commit phase, which comes before the transaction commits
 * (the commit phase), so the token never passes an event whose writes are still in memory (and the
 * processors' transaction manager makes them durable before that commit, see
 * {@code app/.../processing/DurableReadModelsFirst}). A batch rolled back drops its buffer unwritten
 * and is handled again from the start.
 */
final class PerBatch {

    private PerBatch() {
    }

    /**
     * The current batch's buffer under this key, created (and its flush registered) at the first
     * call of the batch; null outside a unit of work, or once it is committing, where the caller
     * writes straight through as before.
     */
    static <B> B buffer(String key, Supplier<B> create, Consumer<B> flush) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (root.phase() != UnitOfWork.Phase.STARTED) {
            return null;
        }
        return root.getOrComputeResource(key, k -> {
            B buffer = create.get();
            root.onPrepareCommit(u -> flush.accept(buffer));
            return buffer;
        });
    }

    /** The messages of the current batch (one outside a batching processor), for reading ahead what it will ask for. */
    static List<? extends Message<?>> messages() {
        if (!CurrentUnitOfWork.isStarted()) {
            return List.of();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (root instanceof BatchingUnitOfWork<?> batch) {
            return batch.getMessages();
        }
        // A unit of work may carry no message (a dead letter's retry): nothing to read ahead then.
        Message<?> message = root.getMessage();
        return message == null ? List.of() : List.of(message);
    }

    /**
     * Who writes the current batch, as a name that the next writer of the same events has too: the
     * processor's segment (Axon keeps its id among the batch's resources), else the thread.
     */
    static String writer() {
        if (CurrentUnitOfWork.isStarted()) {
            for (var resource : CurrentUnitOfWork.get().root().resources().entrySet()) {
                if (resource.getKey().endsWith("/SegmentId")) {
                    return resource.getKey() + "=" + resource.getValue();
                }
            }
        }
        return Thread.currentThread().getName();
    }

    /** Runs this once the current unit of work has committed; at once outside one. */
    static void afterCommit(Runnable action) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(u -> action.run());
        } else {
            action.run();
        }
    }
}

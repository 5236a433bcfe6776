package org.hospital.surveillance.projection.rebuild;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.hospital.surveillance.projection.support.RebuildableProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a live projection writing to the generation its pointer names. Instances share the read
 * models, and a rebuild on one of them switches the pointer; an instance that processes the
 * projection later (it took the claim over when the other stopped) must not go on writing to the
 * generation it found at start-up, which queries no longer read and the rebuild drops. So each
 * batch begins with one keyed read of the pointer, and the projection is moved over when it
 * changed. It runs on the processor's thread before any handler of the batch. With several segments
 * (one thread each) the pointer still changes only while no thread of this instance is inside a
 * batch ({@link RebuildableProjection#writeTo}'s condition): a switch needs every segment held by the
 * instance that switches, paused; each thread's next batch then looks, one thread at a time, and the
 * first to look moves the projection before any of them handles an event.
 */
public final class FollowActiveGeneration implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(FollowActiveGeneration.class);

    private final RebuildableProjection projection;
    private final MongoDatabase database;
    private final ReadModelGenerations generations;
    private final String batchKey;
    /** The generation the live projection writes to; 0 until the first batch has looked. */
    private int writingTo;

    public FollowActiveGeneration(RebuildableProjection projection, MongoDatabase database) {
        this.projection = projection;
        this.database = database;
        this.generations = new ReadModelGenerations(database);
        this.batchKey = FollowActiveGeneration.class.getName() + "/" + projection.name();
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        // The batch's unit of work is the root one: look once per batch, at its first event.
        unitOfWork.root().resources().computeIfAbsent(batchKey, key -> follow());
        return interceptorChain.proceed();
    }

    private synchronized int follow() {
        int active = generations.active(projection.name());
        if (active != writingTo) {
            if (writingTo != 0) {
                log.info("The live {} projection now writes to generation {} (was {})", projection.name(), active, writingTo);
            }
            projection.writeTo(new LiveReadModelStores(database, active));
            writingTo = active;
        }
        return active;
    }
}

package org.hospital.surveillance.app.readmodel;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A change stream's {@code getMore} on the embedded server waits for something to read, as on a real
 * MongoDB (an "await data" cursor): until the next write of the stream's collection, or at most the
 * read's {@code maxTimeMS} (the driver's {@code maxAwaitTime}; {@value #DEFAULT_AWAIT_MS} ms without
 * one, as MongoDB). The server itself answers at once, and the driver asks again as soon as an answer
 * is empty, so each listening alert stream kept a server thread and a driver thread busy. The read is
 * held back here, in the connection's pipeline ahead of the server's handler, without holding a
 * thread: the server's threads serve the other connections meanwhile, and the woken read runs on its
 * connection's own thread as any other command. Every other message passes straight through.
 */
final class AwaitChangeStreamData extends ChannelInboundHandlerAdapter {

    static final long DEFAULT_AWAIT_MS = 1_000;

    private final BoundedOplog oplog;

    AwaitChangeStreamData(BoundedOplog oplog) {
        this.oplog = oplog;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof MongoMessage request && request.getDocument().get("getMore") instanceof Number cursorId) {
            long cursor = cursorId.longValue();
            AtomicBoolean answered = new AtomicBoolean();
            Runnable read = () -> {
                if (answered.compareAndSet(false, true)) {
                    ctx.executor().execute(() -> ctx.fireChannelRead(message));
                }
            };
            if (oplog.awaitChanges(cursor, read)) {
                ctx.executor().schedule(() -> {
                    oplog.stopAwaiting(cursor, read);
                    read.run();
                }, awaitMillis(request.getDocument()), TimeUnit.MILLISECONDS);
                return;
            }
        }
        ctx.fireChannelRead(message);
    }

    private static long awaitMillis(Document getMore) {
        return getMore.get("maxTimeMS") instanceof Number millis && millis.longValue() > 0
                ? millis.longValue() : DEFAULT_AWAIT_MS;
    }
}

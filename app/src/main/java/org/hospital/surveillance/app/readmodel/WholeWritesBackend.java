package org.hospital.surveillance.app.readmodel;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * The embedded server's H2 backend, running each command as a whole with respect to the file's
 * commits ({@link EmbeddedReadModelFile#makeDurable}).
 *
 * <p>One document write is several MVStore map writes (the document, its {@code _id} index entry,
 * the oplog entry), made on the server's worker thread. A commit from another thread (another
 * processor finishing its batch, or the timer) in between would put half of it in the file; after
 * a kill the file then holds a document its index does not know, and every later upsert of that
 * {@code _id} fails with "already existed", stalling the processor that owns it for good. Commands
 * therefore share a lock that a commit takes exclusively.
 */
final class WholeWritesBackend extends H2Backend {

    /** Cursor bookkeeping only: no data written, and a commit need not wait for them. */
    private static final Set<String> WITHOUT_WRITES = Set.of("getMore", "killCursors", "hello", "isMaster",
            "ismaster", "ping", "buildInfo", "buildinfo");

    private final Lock commandLock;

    WholeWritesBackend(EmbeddedReadModelFile file) {
        super(file.store());
        this.commandLock = file.commandLock();
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (WITHOUT_WRITES.contains(command)) {
            return super.handleCommand(channel, database, command, query);
        }
        return whole(() -> super.handleCommand(channel, database, command, query));
    }

    @Override
    public void dropDatabase(String database) {
        whole(() -> {
            super.dropDatabase(database);
            return null;
        });
    }

    private <T> T whole(Supplier<T> command) {
        commandLock.lock();
        try {
            return command.get();
        } finally {
            commandLock.unlock();
        }
    }
}

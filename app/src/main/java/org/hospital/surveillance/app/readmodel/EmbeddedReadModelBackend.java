package org.hospital.surveillance.app.readmodel;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.NoopOplog;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * The embedded server's backend: collections in the read-model file, the oplog capped and in
 * memory ({@link BoundedOplog}). The server's own oplog is a collection of the file that keeps
 * every write for ever, and every change-stream read scans all of it.
 *
 * <p>Each command runs as a whole with respect to the file's commits
 * ({@link EmbeddedReadModelFile#makeDurable}). One document write is several MVStore map writes
 * (the document, its {@code _id} index entry), made on the server's worker thread. A commit from
 * another thread (another processor finishing its batch, or the timer) in between would put half of
 * it in the file; after a kill the file then held a document its index did not know, and every later
 * upsert of that {@code _id} failed with "already existed", stalling the processor that owns it for
 * good. Commands therefore share a lock that a commit takes exclusively.
 */
final class EmbeddedReadModelBackend extends H2Backend {

    /**
     * A change stream that reads at least once per this many writes loses nothing. The server
     * answers each read of a change stream by scanning and sorting the whole oplog, and the driver
     * reads again as soon as an answer is empty: the smaller, the cheaper every read.
     */
    static final int OPLOG_ENTRIES = 2_000;
    private static final String LOCAL_DATABASE = "local";
    private static final String OPLOG = "oplog.rs";

    /** Cursor bookkeeping only: no data written, and a commit need not wait for them. */
    private static final Set<String> WITHOUT_WRITES = Set.of("getMore", "killCursors", "hello", "isMaster",
            "ismaster", "ping", "buildInfo", "buildinfo");

    private final int oplogEntries;
    private final Lock commandLock;
    private BoundedOplog boundedOplog;

    EmbeddedReadModelBackend(EmbeddedReadModelFile file, int oplogEntries) {
        super(file.store());
        this.oplogEntries = oplogEntries;
        this.commandLock = file.commandLock();
        dropStoredOplog();
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        awaitChangeStreamDataOn(channel);
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

    /**
     * Gives a connection, at its first command (the driver's handshake), the handler that holds back a
     * change stream's empty reads ({@link AwaitChangeStreamData}); the server builds its pipelines itself.
     * Runs on the connection's own thread, as every command of it does.
     */
    private void awaitChangeStreamDataOn(Channel channel) {
        if (channel == null || boundedOplog == null) {
            return;
        }
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(AwaitChangeStreamData.class) != null) {
            return;
        }
        ChannelHandlerContext server = pipeline.context(MongoDatabaseHandler.class);
        if (server != null) {
            pipeline.addBefore(server.name(), "awaitChangeStreamData", new AwaitChangeStreamData(boundedOplog));
        }
    }

    /** A file written before the oplog was capped holds every write since: its space goes back to the file. */
    private void dropStoredOplog() {
        MongoDatabase local = resolveDatabase(LOCAL_DATABASE);
        if (local.resolveCollection(OPLOG, false) != null) {
            local.dropCollection(OPLOG, NoopOplog.get());
        }
    }

    /** Databases whose unique indexes compare string keys as strings ({@link KeyedIndexDatabase}). */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return KeyedIndexDatabase.open(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Oplog createOplog() {
        MongoCollection<Document> entries = (MongoCollection<Document>) new MemoryBackend(getClock())
                .resolveDatabase(LOCAL_DATABASE).createCollectionOrThrowIfExists(OPLOG);
        boundedOplog = new BoundedOplog(this, entries, getCursorRegistry(), oplogEntries);
        return boundedOplog;
    }

    /** The oplog, to see which reads of it wait (tests). */
    BoundedOplog oplog() {
        return boundedOplog;
    }

    /** Entries the oplog holds now; 0 without one. */
    int oplogSize() {
        return boundedOplog == null ? 0 : boundedOplog.size();
    }
}

package org.hospital.surveillance.app.readmodel;

import org.h2.mvstore.MVStore;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.NoopOplog;
import de.bwaldvogel.mongo.oplog.Oplog;

/**
 * The embedded server's backend: collections in the read-model file, the oplog capped and in
 * memory ({@link BoundedOplog}). The server's own oplog is a collection of the file that keeps
 * every write for ever, and every change-stream read scans all of it.
 */
final class EmbeddedReadModelBackend extends H2Backend {

    /** Enough for a change stream read at least once per this many writes to lose nothing. */
    static final int OPLOG_ENTRIES = 10_000;
    private static final String LOCAL_DATABASE = "local";
    private static final String OPLOG = "oplog.rs";

    private final int oplogEntries;
    private BoundedOplog boundedOplog;

    EmbeddedReadModelBackend(MVStore store, int oplogEntries) {
        super(store);
        this.oplogEntries = oplogEntries;
        dropStoredOplog();
    }

    /** A file written before the oplog was capped holds every write since: its space goes back to the file. */
    private void dropStoredOplog() {
        MongoDatabase local = resolveDatabase(LOCAL_DATABASE);
        if (local.resolveCollection(OPLOG, false) != null) {
            local.dropCollection(OPLOG, NoopOplog.get());
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Oplog createOplog() {
        MongoCollection<Document> entries = (MongoCollection<Document>) new MemoryBackend(getClock())
                .resolveDatabase(LOCAL_DATABASE).createCollectionOrThrowIfExists(OPLOG);
        boundedOplog = new BoundedOplog(this, entries, getCursorRegistry(), oplogEntries);
        return boundedOplog;
    }

    /** Entries the oplog holds now; 0 without one. */
    int oplogSize() {
        return boundedOplog == null ? 0 : boundedOplog.size();
    }
}

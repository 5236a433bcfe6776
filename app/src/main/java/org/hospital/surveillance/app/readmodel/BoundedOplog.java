package org.hospital.surveillance.app.readmodel;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.oplog.CollectionBackedOplog;
import de.bwaldvogel.mongo.oplog.OplogCursor;

/**
 * The embedded server's oplog, capped as a real MongoDB's is: it keeps the newest
 * {@code maxEntries} writes (trimmed once it holds a quarter more) in memory, not in the read-model
 * file. Only change streams read it, and no change stream outlives the process that runs the
 * server, so nothing in it needs to survive a restart.
 *
 * <p>A change stream whose next entries were trimmed before it read them fails with
 * {@code ChangeStreamHistoryLost} (286), as on a real MongoDB whose oplog rolled over, instead of
 * silently skipping them: so does opening one that resumes from a trimmed point. Its reader then
 * reads what it missed and opens a new one ({@code query-side/.../AlertFeed}).
 */
final class BoundedOplog extends CollectionBackedOplog {

    static final int CHANGE_STREAM_HISTORY_LOST = 286;

    private final MongoCollection<Document> entries;
    private final CursorRegistry cursors;
    private final int maxEntries;
    /** Reads of change streams share it; a trim takes it alone, so no read misses entries unnoticed. */
    private final ReadWriteLock trimming = new ReentrantReadWriteLock();
    /** The newest trimmed entry's timestamp (unsigned, as MongoDB orders them); 0 while nothing was trimmed. */
    private volatile long trimmedThrough;
    private int sinceTrim;

    BoundedOplog(MongoBackend backend, MongoCollection<Document> entries, CursorRegistry cursors, int maxEntries) {
        super(backend, entries, cursors);
        this.entries = entries;
        this.cursors = cursors;
        this.maxEntries = maxEntries;
    }

    @Override
    public void handleInsert(String namespace, List<Document> documents) {
        super.handleInsert(namespace, documents);
        written(documents.size());
    }

    @Override
    public void handleUpdate(String namespace, Document selector, Document query, List<Object> modifiedIds) {
        super.handleUpdate(namespace, selector, query, modifiedIds);
        written(modifiedIds.size());
    }

    @Override
    public void handleDelete(String namespace, Document query, List<Object> deletedIds) {
        super.handleDelete(namespace, query, deletedIds);
        written(deletedIds.size());
    }

    @Override
    public void handleDropCollection(String namespace) {
        super.handleDropCollection(namespace);
        written(1);
    }

    private void written(int count) {
        boolean trim;
        synchronized (this) {
            sinceTrim += count;
            trim = sinceTrim > maxEntries / 4;
            if (trim) {
                sinceTrim = 0;
            }
        }
        if (trim) {
            trim();
        }
    }

    /** Removes the oldest entries beyond {@code maxEntries}. */
    void trim() {
        trimming.writeLock().lock();
        try {
            int excess = entries.count() - maxEntries;
            if (excess <= 0) {
                return;
            }
            List<Document> oldest = entries.queryAllAsStream()
                    .sorted(Comparator.comparing(BoundedOplog::timestamp, Long::compareUnsigned))
                    .limit(excess)
                    .toList();
            oldest.forEach(entries::removeDocument);
            long newest = timestamp(oldest.get(oldest.size() - 1));
            if (Long.compareUnsigned(newest, trimmedThrough) > 0) {
                trimmedThrough = newest;
            }
        } finally {
            trimming.writeLock().unlock();
        }
    }

    int size() {
        return entries.count();
    }

    @Override
    public Cursor createCursor(Document changeStream, String namespace, Aggregation aggregation) {
        trimming.readLock().lock();
        try {
            long readsAfter = readsAfter(changeStream);
            if (lost(readsAfter)) {
                throw historyLost();
            }
            Cursor cursor = super.createCursor(changeStream, namespace, aggregation);
            if (!(cursor instanceof OplogCursor)) {
                return cursor; // an invalidated stream (its collection was dropped) reads nothing more
            }
            // The server finds a cursor by its id at each getMore: the guarded one takes the place of the original.
            Cursor guarded = new GuardedCursor(cursor, readsAfter);
            cursors.remove(cursor.getId());
            cursors.add(guarded);
            return guarded;
        } finally {
            trimming.readLock().unlock();
        }
    }

    /**
     * The timestamp after which a new change stream reads: its resume point, or for one that starts
     * now the newest entry (entries a concurrent write adds are newer; erring early only ever makes
     * a stream report a loss it did not have).
     */
    private long readsAfter(Document changeStream) {
        Document resumeToken = (Document) changeStream.getOrDefault("startAfter", changeStream.get("resumeAfter"));
        if (resumeToken != null) {
            return Long.parseUnsignedLong((String) resumeToken.get("_data"), 16);
        }
        BsonTimestamp startAt = (BsonTimestamp) changeStream.get("startAtOperationTime");
        if (startAt != null) {
            return startAt.getValue() - 1; // inclusive
        }
        return later(newestEntry(), trimmedThrough);
    }

    private long newestEntry() {
        return entries.queryAllAsStream().mapToLong(BoundedOplog::timestamp).reduce(0L, BoundedOplog::later);
    }

    private static long later(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }

    /** Whether an entry after the given timestamp was trimmed. */
    private boolean lost(long readsAfter) {
        return Long.compareUnsigned(readsAfter, trimmedThrough) < 0;
    }

    private static MongoServerError historyLost() {
        return new MongoServerError(CHANGE_STREAM_HISTORY_LOST, "ChangeStreamHistoryLost",
                "Resume of change stream was not possible, as the resume point may no longer be in the oplog.");
    }

    private static long timestamp(Document entry) {
        return ((BsonTimestamp) entry.get("ts")).getValue();
    }

    /** A change stream's cursor that knows how far it has read, and fails instead of passing over trimmed entries. */
    private final class GuardedCursor extends AbstractCursor {

        private final Cursor stream;
        private long readThrough;

        GuardedCursor(Cursor stream, long readsAfter) {
            super(stream.getId());
            this.stream = stream;
            this.readThrough = readsAfter;
        }

        @Override
        public boolean isEmpty() {
            return false;
        }

        @Override
        public synchronized List<Document> takeDocuments(int numberToReturn) {
            trimming.readLock().lock();
            try {
                if (lost(readThrough)) {
                    cursors.remove(getId());
                    throw historyLost();
                }
                // A read that was not cut short by the batch size has looked at every entry there was
                // before it began, its collection's or not: none of those can be lost to it any more.
                long newest = newestEntry();
                List<Document> changes = stream.takeDocuments(numberToReturn);
                if (!changes.isEmpty()) {
                    Document resumeToken = (Document) changes.get(changes.size() - 1).get("_id");
                    readThrough = Long.parseUnsignedLong((String) resumeToken.get("_data"), 16);
                }
                if (numberToReturn <= 0 || changes.size() < numberToReturn) {
                    readThrough = later(readThrough, newest);
                }
                return changes;
            } finally {
                trimming.readLock().unlock();
            }
        }
    }
}

package org.hospital.surveillance.app.readmodel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * reads what it missed and opens a new one ({@code query-side/.../AlertFeed}). Only entries of the
 * stream's own collection count: a stream of the alert board that waits while the figures write loses
 * nothing it would have read.
 *
 * <p>Only collections a change stream has been opened on are logged, from the first such stream
 * on: nothing else reads the oplog, and logging every write cost the server a third of its work in
 * a rebuild (a copy of each document, and its trimming; docs/benchmarks.md, "What bounds the
 * rebuild"). A stream that starts now loses nothing by that. One that resumes, on a collection
 * written before it was first watched, from a point before that, is told its history is lost, as if
 * those entries had been trimmed.
 *
 * <p>A read that would find nothing new may wait instead, as a real MongoDB's change-stream
 * {@code getMore} does ({@link AwaitChangeStreamData}): {@link #awaitChanges} keeps the read's wake-up
 * until the next write of its collection. Without that the driver asked again the moment an answer came
 * back empty, and one listening alert stream kept more than a core busy.
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
    /** The same per collection (namespace): what a change stream of that collection may have lost. */
    private final Map<String, Long> trimmedThroughOf = new ConcurrentHashMap<>();
    private int sinceTrim;
    /**
     * The collections (namespaces) a change stream was opened on, each with the newest oplog
     * timestamp when the first one was: their writes are logged from then on.
     */
    private final Map<String, Long> loggedSince = new ConcurrentHashMap<>();
    /** Collections written while not logged: a resume from before they were logged may miss those writes. */
    private final Set<String> writtenUnlogged = ConcurrentHashMap.newKeySet();
    /**
     * A write decides whether to log under it (shared); a collection becomes logged under it alone,
     * so no write falls between "not logged" and a new stream's starting point unseen.
     */
    private final ReadWriteLock watching = new ReentrantReadWriteLock();
    /** Change streams by cursor id, to tell whether a getMore would find anything. */
    private final Map<Long, GuardedCursor> changeStreams = new ConcurrentHashMap<>();
    /** Writes per collection, and the waiting reads of each; both guarded by {@code waiting}. */
    private final Map<String, Long> writesOf = new HashMap<>();
    private final Map<String, List<Runnable>> waiting = new HashMap<>();

    BoundedOplog(MongoBackend backend, MongoCollection<Document> entries, CursorRegistry cursors, int maxEntries) {
        super(backend, entries, cursors);
        this.entries = entries;
        this.cursors = cursors;
        this.maxEntries = maxEntries;
    }

    @Override
    public void handleInsert(String namespace, List<Document> documents) {
        log(namespace, documents.size(), () -> super.handleInsert(namespace, documents));
        wake(namespace);
    }

    @Override
    public void handleUpdate(String namespace, Document selector, Document query, List<Object> modifiedIds) {
        log(namespace, modifiedIds.size(), () -> super.handleUpdate(namespace, selector, query, modifiedIds));
        wake(namespace);
    }

    @Override
    public void handleDelete(String namespace, Document query, List<Object> deletedIds) {
        log(namespace, deletedIds.size(), () -> super.handleDelete(namespace, query, deletedIds));
        wake(namespace);
    }

    /** Appends the write's entries if a change stream watches its collection, else notes it was written unlogged. */
    private void log(String namespace, int entries, Runnable append) {
        boolean logged;
        watching.readLock().lock();
        try {
            logged = loggedSince.containsKey(namespace);
            if (logged) {
                append.run();
            } else {
                writtenUnlogged.add(namespace);
            }
        } finally {
            watching.readLock().unlock();
        }
        // A trim waits for the change-stream reads under way: not while holding up new streams too.
        if (logged) {
            written(entries);
        }
    }

    @Override
    public void handleDropCollection(String namespace) {
        log(namespace, 1, () -> super.handleDropCollection(namespace));
        // A drop ends the streams of its collection; rare enough to wake every waiting read.
        List<Runnable> all = new ArrayList<>();
        synchronized (waiting) {
            writesOf.replaceAll((ns, writes) -> writes + 1);
            waiting.values().forEach(all::addAll);
            waiting.clear();
        }
        all.forEach(Runnable::run);
    }

    /** Counts a write of the collection and wakes the reads that wait for one; its entry is in the oplog already. */
    private void wake(String namespace) {
        List<Runnable> woken;
        synchronized (waiting) {
            writesOf.merge(namespace, 1L, Long::sum);
            woken = waiting.remove(namespace);
        }
        if (woken != null) {
            woken.forEach(Runnable::run);
        }
    }

    private long writesOf(String namespace) {
        synchronized (waiting) {
            return writesOf.getOrDefault(namespace, 0L);
        }
    }

    /**
     * Keeps {@code wakeUp} until the next write of the change stream's collection, if a read of the
     * stream now would find nothing it has not read (no write of its collection since its last read
     * began); then returns true, and the caller answers the read when woken or when it gives up
     * waiting ({@link #stopAwaiting}). False for any other cursor, or when there may be something to
     * read: the read goes ahead at once.
     */
    boolean awaitChanges(long cursorId, Runnable wakeUp) {
        GuardedCursor stream = changeStreams.get(cursorId);
        if (stream == null) {
            return false;
        }
        synchronized (waiting) {
            if (writesOf.getOrDefault(stream.namespace, 0L) != stream.writesBeforeLastRead) {
                return false;
            }
            waiting.computeIfAbsent(stream.namespace, ns -> new ArrayList<>()).add(wakeUp);
            return true;
        }
    }

    /** Reads waiting for a write now (tests). */
    int waitingReads() {
        synchronized (waiting) {
            return waiting.values().stream().mapToInt(List::size).sum();
        }
    }

    /** Forgets a wake-up {@link #awaitChanges} kept (its read gave up waiting). */
    void stopAwaiting(long cursorId, Runnable wakeUp) {
        GuardedCursor stream = changeStreams.get(cursorId);
        synchronized (waiting) {
            if (stream != null) {
                List<Runnable> reads = waiting.get(stream.namespace);
                if (reads != null) {
                    reads.remove(wakeUp);
                }
            } else {
                waiting.values().forEach(reads -> reads.remove(wakeUp));
            }
        }
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
            for (Document entry : oldest) {
                Object namespace = entry.get("ns");
                if (namespace instanceof String ns) {
                    trimmedThroughOf.merge(ns, timestamp(entry), BoundedOplog::later);
                }
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
        long logged = startLogging(namespace);
        trimming.readLock().lock();
        try {
            long readsAfter = readsAfter(changeStream);
            // A resume point must still be in the oplog, whichever collection the entries after it belong to.
            if (Long.compareUnsigned(readsAfter, trimmedThrough) < 0) {
                throw historyLost();
            }
            // Nor may it be from before the collection was logged, if it was written unlogged: those
            // writes came after the newest entry then, and may have come after the resume point.
            if (resumes(changeStream) && Long.compareUnsigned(readsAfter, logged) <= 0 && writtenUnlogged.contains(namespace)) {
                throw historyLost();
            }
            Cursor cursor = super.createCursor(changeStream, namespace, aggregation);
            if (!(cursor instanceof OplogCursor)) {
                return cursor; // an invalidated stream (its collection was dropped) reads nothing more
            }
            // The server finds a cursor by its id at each getMore: the guarded one takes the place of the original.
            GuardedCursor guarded = new GuardedCursor(cursor, namespace, readsAfter);
            cursors.remove(cursor.getId());
            cursors.add(guarded);
            forgetClosedStreams();
            changeStreams.put(guarded.getId(), guarded);
            return guarded;
        } finally {
            trimming.readLock().unlock();
        }
    }

    /** Logs the collection's writes from now on, if not yet; the newest timestamp when it began to be. */
    private long startLogging(String namespace) {
        Long since = loggedSince.get(namespace);
        if (since != null) {
            return since;
        }
        watching.writeLock().lock();
        try {
            return loggedSince.computeIfAbsent(namespace, ns -> later(newestEntry(), trimmedThrough));
        } finally {
            watching.writeLock().unlock();
        }
    }

    private static boolean resumes(Document changeStream) {
        return changeStream.containsKey("startAfter") || changeStream.containsKey("resumeAfter")
                || changeStream.containsKey("startAtOperationTime");
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

    /**
     * Whether an entry of the collection after the given timestamp was trimmed: a stream that waited
     * while other collections were written lost nothing of its own.
     */
    private boolean lost(String namespace, long readsAfter) {
        return Long.compareUnsigned(readsAfter, trimmedThroughOf.getOrDefault(namespace, 0L)) < 0;
    }

    /** Streams whose cursors the server no longer holds (killed, or their connection closed). */
    private void forgetClosedStreams() {
        changeStreams.keySet().removeIf(id -> {
            try {
                return cursors.getCursor(id) == null;
            } catch (RuntimeException notFound) {
                return true;
            }
        });
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
        private final String namespace;
        private long readThrough;
        /** The collection's write count when the last read began; -1 before the first, which never waits. */
        private volatile long writesBeforeLastRead = -1;

        GuardedCursor(Cursor stream, String namespace, long readsAfter) {
            super(stream.getId());
            this.stream = stream;
            this.namespace = namespace;
            this.readThrough = readsAfter;
        }

        @Override
        public boolean isEmpty() {
            return false;
        }

        @Override
        public synchronized List<Document> takeDocuments(int numberToReturn) {
            writesBeforeLastRead = writesOf(namespace);
            trimming.readLock().lock();
            try {
                if (lost(namespace, readThrough)) {
                    cursors.remove(getId());
                    changeStreams.remove(getId());
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
                } else {
                    // Cut short: the rest is still to be read, so the next read must not wait.
                    writesBeforeLastRead = -1;
                }
                return changes;
            } finally {
                trimming.readLock().unlock();
            }
        }
    }
}

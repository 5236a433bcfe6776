package org.hospital.surveillance.projection.support;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;

/**
 * {@link KeyedDocuments} over a MongoDB collection that only one writer uses (a rebuild's new
 * generation): every document lives in memory while the history is folded, and a {@link #flush}
 * writes those changed since the last one in unordered bulks of whole documents (plain inserts for
 * documents never written). Reads never go to MongoDB. Memory is that of the read model itself (one
 * document per ward-month, sterilizer-month or alert), not of the history read. A crash before a
 * flush loses nothing that matters: a rebuild that did not finish is started again from scratch on
 * an emptied collection ({@link #clear}).
 *
 * <p>Given a writer thread, {@link #flushInBackground} hands a copy of the changed documents (encoded
 * as they are now, since the fold goes on changing them) to it and returns: the server stores one
 * window of the history while the next is folded, instead of the fold waiting for every bulk. At most
 * one window is in flight (the next waits for it), so memory stays that of two windows' changes; the
 * writer keeps the order of the windows, so a document's last write is its newest state. A failure
 * of a background write comes out of the next flush.
 *
 * <p>Given what to do once documents are written ({@code afterWrite}, e.g. move the collection's
 * {@link ReadModelChanges} position), it is done after every write and after {@link #clear}, on the
 * thread that wrote.
 */
public final class WriteBehindDocuments implements KeyedDocuments {

    /** Documents per bulk write: big enough to spare round trips, small enough for one request. */
    private static final int BULK = 1000;
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoCollection<Document> collection;
    private final MongoCollection<RawBsonDocument> raw;
    private final Codec<Document> codec;
    private final Executor writer;
    private final Runnable afterWrite;
    private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
    private final Map<String, Document> documents = new HashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();
    private final Set<String> written = new HashSet<>();

    /** @param collection empty, or emptied with {@link #clear} before the first read */
    public WriteBehindDocuments(MongoCollection<Document> collection) {
        this(collection, Runnable::run);
    }

    /**
     * @param collection empty, or emptied with {@link #clear} before the first read
     * @param writer     the thread {@link #flushInBackground} writes on (one thread, so windows stay in order)
     */
    public WriteBehindDocuments(MongoCollection<Document> collection, Executor writer) {
        this(collection, writer, () -> { });
    }

    /**
     * @param collection empty, or emptied with {@link #clear} before the first read
     * @param writer     the thread {@link #flushInBackground} writes on (one thread, so windows stay in order)
     * @param afterWrite done after each write and clear, once the server has acknowledged it
     */
    public WriteBehindDocuments(MongoCollection<Document> collection, Executor writer, Runnable afterWrite) {
        this.collection = collection;
        this.afterWrite = afterWrite;
        this.raw = collection.withDocumentClass(RawBsonDocument.class);
        this.codec = collection.getCodecRegistry().get(Document.class);
        this.writer = writer;
    }

    @Override
    public Document find(String id) {
        return documents.get(id);
    }

    @Override
    public void save(Document document) {
        String id = (String) document.get("_id");
        documents.put(id, document);
        changed.add(id);
    }

    @Override
    public void clear() {
        awaitWritten();
        documents.clear();
        changed.clear();
        written.clear();
        collection.deleteMany(new Document());
        afterWrite.run();
    }

    /** Writes what changed since the last flush, and waits for every write handed to the writer before. */
    public void flush() {
        awaitWritten();
        List<Document> out = new ArrayList<>(changed.size());
        changed.forEach(id -> out.add(documents.get(id)));
        write(out);
        changed.clear();
    }

    /**
     * Hands what changed since the last flush to the writer thread, as it is now, once the window
     * handed to it before is written; returns without waiting for these writes.
     */
    public void flushInBackground() {
        awaitWritten();
        List<WriteModel<RawBsonDocument>> writes = new ArrayList<>(changed.size());
        for (String id : changed) {
            writes.add(model(id, new RawBsonDocument(documents.get(id), codec)));
        }
        changed.clear();
        inFlight = CompletableFuture.runAsync(() -> {
            inBulks(raw, writes);
            afterWrite.run();
        }, writer);
    }

    private void awaitWritten() {
        try {
            inFlight.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("A background write to " + collection.getNamespace() + " failed", e.getCause());
        }
    }

    /**
     * Writes documents that are not part of what this buffer folds (a rebuild's locators handed to
     * the live projection), counted as written like the others.
     */
    public void writeAlso(Collection<Document> extra) {
        write(extra);
    }

    private void write(Collection<Document> out) {
        List<WriteModel<Document>> writes = new ArrayList<>(out.size());
        for (Document document : out) {
            writes.add(model((String) document.get("_id"), document));
        }
        inBulks(collection, writes);
        afterWrite.run();
    }

    private <T> WriteModel<T> model(String id, T document) {
        // A document this buffer never wrote is not in the (emptied) collection: a plain insert,
        // which spares the server the lookup an upsert makes.
        return written.add(id) ? new InsertOneModel<>(document) : new ReplaceOneModel<>(eq("_id", id), document, UPSERT);
    }

    private static <T> void inBulks(MongoCollection<T> into, List<WriteModel<T>> writes) {
        for (int from = 0; from < writes.size(); from += BULK) {
            into.bulkWrite(writes.subList(from, Math.min(writes.size(), from + BULK)), UNORDERED);
        }
    }

    /**
     * Whether the collection still holds every document this buffer wrote (checked after a
     * {@link #flush}). Nothing here deletes a document, so fewer means someone dropped or emptied
     * the collection behind the buffer's back, and what it holds is no longer the whole projection.
     */
    public boolean holdsEverythingWritten() {
        awaitWritten();
        return collection.countDocuments() == written.size();
    }
}

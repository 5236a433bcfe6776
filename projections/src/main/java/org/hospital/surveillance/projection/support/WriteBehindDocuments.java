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
import org.bson.Document;

/**
 * {@link KeyedDocuments} over a MongoDB collection that only one writer uses (a rebuild's new
 * generation): every document lives in memory while the history is folded, and a {@link #flush}
 * writes those changed since the last one in unordered bulks of whole documents (plain inserts for
 * documents never written). Reads never go to MongoDB. Memory is that of the read model itself (one
 * document per ward-month, sterilizer-month or alert), not of the history read. A crash before a
 * flush loses nothing that matters: a rebuild that did not finish is started again from scratch on
 * an emptied collection ({@link #clear}).
 */
public final class WriteBehindDocuments implements KeyedDocuments {

    /** Documents per bulk write: big enough to spare round trips, small enough for one request. */
    private static final int BULK = 1000;
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoCollection<Document> collection;
    private final Map<String, Document> documents = new HashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();
    private final Set<String> written = new HashSet<>();

    /** @param collection empty, or emptied with {@link #clear} before the first read */
    public WriteBehindDocuments(MongoCollection<Document> collection) {
        this.collection = collection;
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
        documents.clear();
        changed.clear();
        written.clear();
        collection.deleteMany(new Document());
    }

    /** Writes what changed since the last flush. */
    public void flush() {
        List<Document> out = new ArrayList<>(changed.size());
        changed.forEach(id -> out.add(documents.get(id)));
        write(out);
        changed.clear();
    }

    /**
     * Writes documents that are not part of what this buffer folds (a rebuild's locators handed to
     * the live projection), counted as written like the others.
     */
    public void writeAlso(Collection<Document> extra) {
        write(extra);
    }

    private void write(Collection<Document> out) {
        List<WriteModel<Document>> writes = new ArrayList<>(Math.min(out.size(), BULK));
        for (Document document : out) {
            String id = (String) document.get("_id");
            // A document this buffer never wrote is not in the (emptied) collection: a plain insert,
            // which spares the server the lookup an upsert makes.
            writes.add(written.add(id) ? new InsertOneModel<>(document) : new ReplaceOneModel<>(eq("_id", id), document, UPSERT));
            if (writes.size() == BULK) {
                collection.bulkWrite(writes, UNORDERED);
                writes = new ArrayList<>(BULK);
            }
        }
        if (!writes.isEmpty()) {
            collection.bulkWrite(writes, UNORDERED);
        }
    }

    /**
     * Whether the collection still holds every document this buffer wrote (checked after a
     * {@link #flush}). Nothing here deletes a document, so fewer means someone dropped or emptied
     * the collection behind the buffer's back, and what it holds is no longer the whole projection.
     */
    public boolean holdsEverythingWritten() {
        return collection.countDocuments() == written.size();
    }
}

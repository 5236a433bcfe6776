package org.hospital.surveillance.projection.support;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * {@link KeyedDocuments} over a MongoDB collection that only one writer uses (a rebuild's new
 * generation): documents read or written since the last {@link #flush} stay in memory, and a flush
 * writes the changed ones in one unordered bulk of whole-document upserts, then forgets them all,
 * so memory is bounded by what one flush interval touches, plus the ids written so far: a read of
 * an id never written is answered without asking MongoDB, which saves a round trip for the first
 * event of every fact. A crash before a flush loses nothing that matters: a rebuild that did not
 * finish is started again from scratch on an emptied collection ({@link #clear}).
 */
public final class WriteBehindDocuments implements KeyedDocuments {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoCollection<Document> collection;
    private final Map<String, Document> cached = new HashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();
    private final Set<String> written = new HashSet<>();

    /** @param collection empty, or emptied with {@link #clear} before the first read */
    public WriteBehindDocuments(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    @Override
    public Document find(String id) {
        if (cached.containsKey(id)) {
            return cached.get(id);
        }
        if (!written.contains(id)) {
            return null;
        }
        Document found = collection.find(eq("_id", id)).first();
        cached.put(id, found);
        return found;
    }

    @Override
    public void save(Document document) {
        String id = (String) document.get("_id");
        cached.put(id, document);
        changed.add(id);
    }

    @Override
    public void clear() {
        cached.clear();
        changed.clear();
        written.clear();
        collection.deleteMany(new Document());
    }

    /** Writes what changed since the last flush and empties the buffer. */
    public void flush() {
        if (!changed.isEmpty()) {
            List<WriteModel<Document>> writes = new ArrayList<>(changed.size());
            for (String id : changed) {
                // A document this buffer never wrote is not in the (emptied) collection: a plain insert,
                // which spares the server the lookup an upsert makes.
                writes.add(written.contains(id)
                        ? new ReplaceOneModel<>(eq("_id", id), cached.get(id), UPSERT)
                        : new InsertOneModel<>(cached.get(id)));
            }
            collection.bulkWrite(writes, UNORDERED);
            written.addAll(changed);
        }
        changed.clear();
        cached.clear();
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

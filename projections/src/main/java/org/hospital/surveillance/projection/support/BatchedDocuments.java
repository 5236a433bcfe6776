package org.hospital.surveillance.projection.support;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;

/**
 * {@link KeyedDocuments} on a live MongoDB collection with one writer (a projection on a single
 * segment, such as the alert board): inside an Axon batch a document is read once, later reads of
 * the batch get what it read or saved, and the saved documents go out when the batch commits, before
 * its token ({@link PerBatch}), in one ordered bulk of whole-document upserts in the order they were
 * last saved. A reader that follows the documents in that order (the alert stream follows the board's
 * change numbers) therefore never sees a later change before an earlier one. Outside a unit of work
 * each call goes to MongoDB at once.
 */
public final class BatchedDocuments implements KeyedDocuments {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final BulkWriteOptions ORDERED = new BulkWriteOptions().ordered(true);
    private static final AtomicLong INSTANCES = new AtomicLong();

    private final MongoCollection<Document> collection;
    private final String batchKey = BatchedDocuments.class.getName() + "#" + INSTANCES.incrementAndGet();

    public BatchedDocuments(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    @Override
    public Document find(String id) {
        Batch batch = batch();
        if (batch == null) {
            return collection.find(eq("_id", id)).first();
        }
        if (!batch.read.containsKey(id)) {
            batch.read.put(id, collection.find(eq("_id", id)).first());
        }
        return batch.read.get(id);
    }

    @Override
    public void save(Document document) {
        Batch batch = batch();
        if (batch == null) {
            collection.replaceOne(eq("_id", document.get("_id")), document, UPSERT);
            return;
        }
        String id = (String) document.get("_id");
        batch.read.put(id, document);
        // Moved to the end: written in the order of the last saves.
        batch.saved.remove(id);
        batch.saved.put(id, document);
    }

    @Override
    public void clear() {
        Batch batch = batch();
        if (batch != null) {
            batch.read.clear();
            batch.saved.clear();
        }
        // deleteMany rather than drop: the indexes stay.
        collection.deleteMany(new Document());
    }

    private Batch batch() {
        return PerBatch.buffer(batchKey, Batch::new, this::flush);
    }

    private void flush(Batch batch) {
        if (batch.saved.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(batch.saved.size());
        batch.saved.forEach((id, document) -> writes.add(new ReplaceOneModel<>(eq("_id", id), document, UPSERT)));
        collection.bulkWrite(writes, ORDERED);
    }

    /** What one batch read (null for a document that does not exist) and saved. */
    private static final class Batch {
        private final Map<String, Document> read = new HashMap<>();
        private final Map<String, Document> saved = new LinkedHashMap<>();
    }
}

package org.hospital.surveillance.projection.support;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;

/**
 * {@link FactBook} on two MongoDB collections through the sync driver: buckets (the read model the
 * query side serves) and fact locators. Every write is a partial update of one document on
 * {@code _id} (a bucket's entry is {@code $set} or {@code $unset} under its own key), so it needs
 * neither transactions nor any index but the primary key, and two writers of the same bucket (two
 * segments, two instances) never overwrite each other's entries.
 *
 * <p>Inside an Axon batch (a processor's unit of work) the book works per batch ({@link PerBatch}):
 * the first read fetches the locators of every fact the batch carries in one {@code $in} query
 * (a fact's locator is keyed by its stream, which is the event's aggregate), later reads of the
 * batch are answered from what it read and wrote, and the writes are collected, merged per
 * document and flushed when the batch commits, before its token: one ordered bulk of bucket
 * updates, entries set first and removed after, then one bulk of locators. That keeps
 * {@link FactPlacer}'s crash order for the whole batch (puts, then removals, then locators): a
 * crash anywhere in the flush leaves every locator of the batch at its previous version, so the
 * redelivered batch applies each fact again from there. Outside a unit of work each call is
 * written at once, as before.
 *
 * <p>A flush that fails fails the batch, which the processor retries. So that one write MongoDB
 * refuses (a corrupted bucket, say) cannot hold every later batch back, the batch after a failed
 * flush writes event by event, where such a write fails in its own event's handler (and a figure
 * projection parks that fact); batching resumes once a batch has committed.
 *
 * <p>Every write to the buckets is announced in {@link ReadModelChanges} (marked before, position
 * moved after), so the query side can keep a month's answer until the buckets change.
 */
public final class MongoFactBook implements FactBook {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final ReplaceOptions REPLACE_UPSERT = new ReplaceOptions().upsert(true);
    /** Bucket updates in order: every entry set before any entry removed. */
    private static final BulkWriteOptions ORDERED = new BulkWriteOptions().ordered(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final AtomicLong INSTANCES = new AtomicLong();

    private final MongoCollection<Document> buckets;
    private final MongoCollection<Document> facts;
    private final ReadModelChanges changeLog;
    private final String batchKey = MongoFactBook.class.getName() + "#" + INSTANCES.incrementAndGet();
    private volatile boolean writeThrough;

    /**
     * @param queryFields the bucket fields the read API filters and sorts on (e.g. month, wardId):
     *                    indexed for a real MongoDB; the embedded server scans either way
     */
    public MongoFactBook(MongoDatabase database, String bucketCollection, String factCollection,
                         List<String> queryFields) {
        this.buckets = database.getCollection(bucketCollection);
        this.facts = database.getCollection(factCollection);
        this.changeLog = new ReadModelChanges(database, bucketCollection);
        buckets.createIndex(Indexes.ascending(queryFields));
        // Buckets written before the month key lists were kept have none: reads then filter on month until a rebuild.
        if (buckets.find(eq("_id", Bucket.KEYS_COMPLETE)).first() == null && buckets.find().limit(1).first() == null) {
            markKeysComplete();
        }
    }

    private void markKeysComplete() {
        changeLog.write(PerBatch.writer(),
                () -> buckets.replaceOne(eq("_id", Bucket.KEYS_COMPLETE), Bucket.keysComplete(), REPLACE_UPSERT));
    }

    @Override
    public Optional<FactRecord> find(String factId) {
        Batch batch = batch();
        if (batch == null) {
            return Optional.ofNullable(facts.find(eq("_id", factId)).first()).map(FactRecord::fromDocument);
        }
        FactRecord recorded = batch.recorded.get(factId);
        if (recorded != null) {
            return Optional.of(recorded);
        }
        if (!batch.stored.containsKey(factId)) {
            if (!batch.readAhead) {
                batch.readAhead = true;
                readAhead(batch, factId);
            }
            if (!batch.stored.containsKey(factId)) {
                batch.stored.put(factId, facts.find(eq("_id", factId)).first());
            }
        }
        // Parsed at each read, so a locator that cannot be read fails the handler of its own fact only.
        return Optional.ofNullable(batch.stored.get(factId)).map(FactRecord::fromDocument);
    }

    @Override
    public void put(Bucket bucket, FactRef fact, Document entry) {
        Batch batch = batch();
        String path = MongoKeys.path(fact.mapField(), fact.entryKey());
        if (batch == null) {
            Document set = new Document(bucket.fields()).append(path, entry);
            if (FactStreamsHeld.isFact(fact)) {
                set.append(FactStreamsHeld.path(fact.factId()), true);
            }
            changeLog.write(PerBatch.writer(),
                    () -> buckets.updateOne(eq("_id", bucket.id()), setAndMarkNew(set, FactStreamsHeld.isFact(fact)), UPSERT));
            return;
        }
        BucketChanges changes = batch.changes(bucket.id());
        changes.fields = bucket.fields();
        changes.set.put(path, entry);
        if (FactStreamsHeld.isFact(fact)) {
            changes.set.put(FactStreamsHeld.path(fact.factId()), true);
            changes.holdsFacts = true;
        }
        changes.unset.remove(path);
    }

    @Override
    public void remove(String bucketId, FactRef fact) {
        Batch batch = batch();
        String path = MongoKeys.path(fact.mapField(), fact.entryKey());
        if (batch == null) {
            changeLog.write(PerBatch.writer(),
                    () -> buckets.updateOne(eq("_id", bucketId), new Document("$unset", new Document(path, ""))));
            return;
        }
        // A value set earlier in the batch stays in the set: written first, then removed, as one event after
        // another would have left the bucket (its document exists, without the entry).
        batch.changes(bucketId).unset.add(path);
    }

    @Override
    public void record(String factId, FactRecord record) {
        Objects.requireNonNull(record, "record");
        Batch batch = batch();
        if (batch == null) {
            facts.replaceOne(eq("_id", factId), record.toDocument(factId), REPLACE_UPSERT);
            return;
        }
        batch.recorded.put(factId, record);
    }

    @Override
    public void clear() {
        Batch batch = batch();
        if (batch != null) {
            batch.forget();
        }
        // deleteMany rather than drop: the indexes stay.
        changeLog.write(PerBatch.writer(), () -> buckets.deleteMany(new Document()));
        facts.deleteMany(new Document());
        markKeysComplete();
    }

    /** The current batch's buffer, or null to write straight through. */
    private Batch batch() {
        if (writeThrough) {
            PerBatch.buffer(batchKey + "/through", () -> {
                PerBatch.afterCommit(() -> writeThrough = false);
                return Boolean.TRUE;
            }, ignored -> { });
            return null;
        }
        return PerBatch.buffer(batchKey, Batch::new, this::flush);
    }

    /** One query for the locators of every fact of the batch, read before its first event is applied. */
    private void readAhead(Batch batch, String asked) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(asked);
        for (var message : PerBatch.messages()) {
            if (message instanceof DomainEventMessage<?> event && event.getAggregateIdentifier() != null) {
                ids.add(event.getAggregateIdentifier());
            }
        }
        ids.forEach(id -> batch.stored.put(id, null));
        for (Document stored : facts.find(in("_id", ids))) {
            batch.stored.put(stored.getString("_id"), stored);
        }
    }

    private void flush(Batch batch) {
        try {
            batch.writeTo(buckets, facts, changeLog);
        } catch (RuntimeException e) {
            writeThrough = true;
            throw e;
        }
    }

    /** What one batch read and is about to write. */
    private static final class Batch {

        /** Locators as stored when the batch began, by fact id; null for a fact without one. */
        private final Map<String, Document> stored = new HashMap<>();
        /** Locators the batch recorded, the last one per fact. */
        private final Map<String, FactRecord> recorded = new LinkedHashMap<>();
        private final Map<String, BucketChanges> buckets = new LinkedHashMap<>();
        /** Taken when the batch begins, while its unit of work (and the segment it names) is current. */
        private final String writer = PerBatch.writer();
        private boolean readAhead;

        BucketChanges changes(String bucketId) {
            return buckets.computeIfAbsent(bucketId, id -> new BucketChanges());
        }

        void forget() {
            stored.clear();
            recorded.clear();
            buckets.clear();
        }

        void writeTo(MongoCollection<Document> bucketCollection, MongoCollection<Document> factCollection,
                     ReadModelChanges changeLog) {
            List<WriteModel<Document>> bucketWrites = new ArrayList<>();
            buckets.forEach((id, changes) -> {
                if (!changes.set.isEmpty()) {
                    Document set = new Document(changes.fields);
                    set.putAll(changes.set);
                    bucketWrites.add(new UpdateOneModel<>(eq("_id", id), setAndMarkNew(set, changes.holdsFacts), UPSERT));
                }
            });
            buckets.forEach((id, changes) -> {
                if (!changes.unset.isEmpty()) {
                    Document unset = new Document();
                    changes.unset.forEach(path -> unset.append(path, ""));
                    bucketWrites.add(new UpdateOneModel<>(eq("_id", id), new Document("$unset", unset)));
                }
            });
            if (!bucketWrites.isEmpty()) {
                changeLog.write(writer, () -> bucketCollection.bulkWrite(bucketWrites, ORDERED));
            }
            if (!recorded.isEmpty()) {
                List<WriteModel<Document>> locatorWrites = new ArrayList<>(recorded.size());
                recorded.forEach((factId, record) -> locatorWrites.add(
                        new ReplaceOneModel<>(eq("_id", factId), record.toDocument(factId), REPLACE_UPSERT)));
                factCollection.bulkWrite(locatorWrites, UNORDERED);
            }
        }
    }

    /** The update of a bucket's entries; a bucket of facts it creates is marked as listing every fact it will hold ({@link FactStreamsHeld}). */
    private static Document setAndMarkNew(Document set, boolean holdsFacts) {
        Document update = new Document("$set", set);
        return holdsFacts ? update.append("$setOnInsert", new Document(FactStreamsHeld.COMPLETE, true)) : update;
    }

    /** One bucket's entries to set (the last value per entry) and to remove afterwards, with the bucket's fields. */
    private static final class BucketChanges {
        private Document fields = new Document();
        /** Whether the document is a bucket of facts (not a month's key list): it is marked when created. */
        private boolean holdsFacts;
        private final Map<String, Object> set = new LinkedHashMap<>();
        private final Set<String> unset = new LinkedHashSet<>();
    }
}

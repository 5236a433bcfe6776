package org.hospital.surveillance.projection.support;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;

/**
 * {@link FactBook} on two MongoDB collections through the sync driver: buckets (the read model the
 * query side serves) and fact locators. Every operation is a single-document write on {@code _id},
 * so it needs neither transactions nor any index but the primary key.
 */
public final class MongoFactBook implements FactBook {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> buckets;
    private final MongoCollection<Document> facts;

    /**
     * @param queryFields the bucket fields the read API filters and sorts on (e.g. month, wardId):
     *                    indexed for a real MongoDB; the embedded server scans either way
     */
    public MongoFactBook(MongoDatabase database, String bucketCollection, String factCollection,
                         List<String> queryFields) {
        this.buckets = database.getCollection(bucketCollection);
        this.facts = database.getCollection(factCollection);
        buckets.createIndex(Indexes.ascending(queryFields));
    }

    @Override
    public Optional<FactRecord> find(String factId) {
        return Optional.ofNullable(facts.find(eq("_id", factId)).first()).map(FactRecord::fromDocument);
    }

    @Override
    public void put(Bucket bucket, FactRef fact, Document entry) {
        Document set = new Document(bucket.fields()).append(MongoKeys.path(fact.mapField(), fact.entryKey()), entry);
        buckets.updateOne(eq("_id", bucket.id()), new Document("$set", set), UPSERT);
    }

    @Override
    public void remove(String bucketId, FactRef fact) {
        buckets.updateOne(eq("_id", bucketId),
                new Document("$unset", new Document(MongoKeys.path(fact.mapField(), fact.entryKey()), "")));
    }

    @Override
    public void record(String factId, FactRecord record) {
        Objects.requireNonNull(record, "record");
        facts.replaceOne(eq("_id", factId), record.toDocument(factId), new ReplaceOptions().upsert(true));
    }

    @Override
    public void clear() {
        // deleteMany rather than drop: the indexes stay.
        buckets.deleteMany(new Document());
        facts.deleteMany(new Document());
    }
}

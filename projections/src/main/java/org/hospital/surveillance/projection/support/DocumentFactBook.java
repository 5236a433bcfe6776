package org.hospital.surveillance.projection.support;

import java.util.Objects;
import java.util.Optional;
import org.bson.Document;

/**
 * {@link FactBook} over two {@link KeyedDocuments}, reading and writing bucket documents whole.
 * The documents have exactly the shape {@link MongoFactBook}'s partial updates leave in MongoDB
 * (entries under percent-escaped keys of the bucket's map field, locators as
 * {@link FactRecord#toDocument}), so the query side reads either alike. Whole-document writes are
 * safe only for a single writer: a read model computed on the side (in memory for a look into the
 * past, write-behind for a rebuild's new generation), never the live one.
 */
public final class DocumentFactBook implements FactBook {

    private final KeyedDocuments buckets;
    private final KeyedDocuments facts;

    public DocumentFactBook(KeyedDocuments buckets, KeyedDocuments facts) {
        this.buckets = Objects.requireNonNull(buckets, "buckets");
        this.facts = Objects.requireNonNull(facts, "facts");
    }

    @Override
    public Optional<FactRecord> find(String factId) {
        return Optional.ofNullable(facts.find(factId)).map(FactRecord::fromDocument);
    }

    @Override
    public void put(Bucket bucket, FactRef fact, Document entry) {
        Document document = buckets.find(bucket.id());
        if (document == null) {
            document = new Document("_id", bucket.id());
        }
        document.putAll(bucket.fields());
        Document map = document.get(fact.mapField(), Document.class);
        if (map == null) {
            map = new Document();
            document.put(fact.mapField(), map);
        }
        map.put(MongoKeys.escape(fact.entryKey()), entry);
        buckets.save(document);
    }

    @Override
    public void remove(String bucketId, FactRef fact) {
        Document document = buckets.find(bucketId);
        if (document == null) {
            return;
        }
        Document map = document.get(fact.mapField(), Document.class);
        if (map != null && map.remove(MongoKeys.escape(fact.entryKey())) != null) {
            buckets.save(document);
        }
    }

    @Override
    public void record(String factId, FactRecord record) {
        facts.save(record.toDocument(factId));
    }

    @Override
    public void clear() {
        buckets.clear();
        facts.clear();
    }
}

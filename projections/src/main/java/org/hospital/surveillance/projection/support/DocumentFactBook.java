package org.hospital.surveillance.projection.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.bson.Document;

/**
 * {@link FactBook} for a read model computed on the side by a single writer (in memory for a look
 * into the past, a rebuild's new generation folded in memory and written in bulk): bucket documents
 * read and written whole through {@link KeyedDocuments}, in exactly the shape {@link MongoFactBook}'s
 * partial updates leave in MongoDB (entries under percent-escaped keys of the bucket's map field),
 * so the query side reads either alike.
 *
 * <p>Locators stay in memory and are never written as documents: the query side never reads them,
 * and they were most of what a rebuild wrote. Each remembers the history position (given by
 * {@code position}) at which it was last recorded, so a rebuild can hand the live projection the
 * locators of the facts it may see again ({@link #locatorsRecordedAfter}); the live path derives any
 * other missing locator from the fact's own events ({@link FactPlacer}).
 */
public final class DocumentFactBook implements FactBook {

    private final KeyedDocuments buckets;
    private final LongSupplier position;
    private final Map<String, Located> locators = new HashMap<>();

    private record Located(FactRecord record, long position) {
    }

    public DocumentFactBook(KeyedDocuments buckets) {
        this(buckets, () -> -1);
    }

    /** @param position the history position of the event being applied, stamped on the locators it records */
    public DocumentFactBook(KeyedDocuments buckets, LongSupplier position) {
        this.buckets = Objects.requireNonNull(buckets, "buckets");
        this.position = Objects.requireNonNull(position, "position");
        // Every user starts the book on empty documents (memory, a rebuild's emptied generation): its key lists are complete.
        buckets.save(Bucket.keysComplete());
    }

    @Override
    public Optional<FactRecord> find(String factId) {
        Located located = locators.get(factId);
        return located == null ? Optional.empty() : Optional.of(located.record());
    }

    @Override
    public void put(Bucket bucket, FactRef fact, Document entry) {
        Document document = buckets.find(bucket.id());
        if (document == null) {
            document = new Document("_id", bucket.id());
            if (FactStreamsHeld.isFact(fact)) {
                document.append(FactStreamsHeld.COMPLETE, true);
            }
        }
        document.putAll(bucket.fields());
        if (FactStreamsHeld.isFact(fact)) {
            FactStreamsHeld.add(document, fact.factId());
        }
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
        locators.put(factId, new Located(record, position.getAsLong()));
    }

    @Override
    public void clear() {
        buckets.clear();
        buckets.save(Bucket.keysComplete());
        locators.clear();
    }

    /** The locators recorded at a position after {@code after}, as a fact collection stores them. */
    public List<Document> locatorsRecordedAfter(long after) {
        List<Document> recent = new ArrayList<>();
        locators.forEach((factId, located) -> {
            if (located.position() > after) {
                recent.add(located.record().toDocument(factId));
            }
        });
        return recent;
    }
}

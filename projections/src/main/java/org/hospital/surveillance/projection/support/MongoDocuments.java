package org.hospital.surveillance.projection.support;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

/** {@link KeyedDocuments} straight on a MongoDB collection: one round trip per read or write, as a live projection needs. */
public final class MongoDocuments implements KeyedDocuments {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoCollection<Document> collection;

    public MongoDocuments(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    @Override
    public Document find(String id) {
        return collection.find(eq("_id", id)).first();
    }

    @Override
    public void save(Document document) {
        collection.replaceOne(eq("_id", document.get("_id")), document, UPSERT);
    }

    @Override
    public void clear() {
        // deleteMany rather than drop: the indexes stay.
        collection.deleteMany(new Document());
    }
}

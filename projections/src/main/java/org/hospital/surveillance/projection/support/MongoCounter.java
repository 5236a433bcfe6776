package org.hospital.surveillance.projection.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.util.function.LongSupplier;
import org.bson.Document;

/** A counter in one MongoDB document, incremented atomically: each call hands out the next number. */
public final class MongoCounter implements LongSupplier {

    private static final FindOneAndUpdateOptions NEXT = new FindOneAndUpdateOptions()
            .upsert(true).returnDocument(ReturnDocument.AFTER);

    private final MongoCollection<Document> collection;
    private final String id;

    public MongoCounter(MongoCollection<Document> collection, String id) {
        this.collection = collection;
        this.id = id;
    }

    @Override
    public long getAsLong() {
        Document counter = collection.findOneAndUpdate(Filters.eq("_id", id), Updates.inc("position", 1L), NEXT);
        return counter.getLong("position");
    }
}

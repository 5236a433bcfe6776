package org.hospital.surveillance.projection.rebuild;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import java.util.List;
import java.util.function.LongSupplier;
import org.bson.Document;
import org.hospital.surveillance.projection.support.BatchedDocuments;
import org.hospital.surveillance.projection.support.FactBook;
import org.hospital.surveillance.projection.support.KeyedDocuments;
import org.hospital.surveillance.projection.support.MongoCounter;
import org.hospital.surveillance.projection.support.MongoFactBook;
import org.hospital.surveillance.projection.support.ReadModelStores;

/**
 * One generation of a projection's MongoDB collections, written as events arrive: keyed updates
 * collected per processor batch and flushed in bulk before the batch's token commits.
 */
public final class LiveReadModelStores implements ReadModelStores {

    private final MongoDatabase database;
    private final int generation;

    public LiveReadModelStores(MongoDatabase database, int generation) {
        this.database = database;
        this.generation = generation;
    }

    public int generation() {
        return generation;
    }

    @Override
    public FactBook factBook(String bucketCollection, String factCollection, List<String> queryFields) {
        return new MongoFactBook(database, ReadModelGenerations.collectionName(bucketCollection, generation),
                ReadModelGenerations.collectionName(factCollection, generation), queryFields);
    }

    @Override
    public KeyedDocuments documents(String collection, List<String> queryFields) {
        MongoCollection<Document> documents = database.getCollection(ReadModelGenerations.collectionName(collection, generation));
        if (!queryFields.isEmpty()) {
            documents.createIndex(Indexes.ascending(queryFields));
        }
        return new BatchedDocuments(documents);
    }

    @Override
    public LongSupplier counter(String collection, String id) {
        return new MongoCounter(database.getCollection(collection), id);
    }
}

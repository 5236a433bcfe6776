package org.hospital.surveillance.projection.rebuild;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.bson.Document;
import org.hospital.surveillance.projection.support.DocumentFactBook;
import org.hospital.surveillance.projection.support.FactBook;
import org.hospital.surveillance.projection.support.MongoCounter;
import org.hospital.surveillance.projection.support.ReadModelStores;
import org.hospital.surveillance.projection.support.WriteBehindDocuments;

/**
 * The next generation of a projection's collections while a rebuild fills them: nobody else
 * writes there and nobody reads them yet, so writes are buffered and go out in bulk at each
 * {@link #flush}.
 */
final class RebuildReadModelStores implements ReadModelStores {

    private final MongoDatabase database;
    private final int generation;
    private final List<WriteBehindDocuments> opened = new ArrayList<>();

    RebuildReadModelStores(MongoDatabase database, int generation) {
        this.database = database;
        this.generation = generation;
    }

    @Override
    public FactBook factBook(String bucketCollection, String factCollection, List<String> queryFields) {
        // The same index the live generation has, for the read API's month filter on a real MongoDB.
        return new DocumentFactBook(documents(bucketCollection, queryFields), documents(factCollection, List.of()));
    }

    /** A new generation starts empty, which lets the buffer answer reads of unwritten ids itself. */
    @Override
    public WriteBehindDocuments documents(String collection, List<String> queryFields) {
        MongoCollection<Document> documents = database.getCollection(ReadModelGenerations.collectionName(collection, generation));
        if (!queryFields.isEmpty()) {
            documents.createIndex(Indexes.ascending(queryFields));
        }
        WriteBehindDocuments buffer = new WriteBehindDocuments(documents);
        buffer.clear();
        opened.add(buffer);
        return buffer;
    }

    /** The live model's counters: what the rebuild numbers comes after what the live model numbered. */
    @Override
    public LongSupplier counter(String collection, String id) {
        return new MongoCounter(database.getCollection(collection), id);
    }

    void flush() {
        opened.forEach(WriteBehindDocuments::flush);
    }

    /** Every collection of the generation still holds all the rebuild wrote there. */
    boolean intact() {
        return opened.stream().allMatch(WriteBehindDocuments::holdsEverythingWritten);
    }
}

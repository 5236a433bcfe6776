package org.hospital.surveillance.projection.rebuild;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.bson.Document;
import org.hospital.surveillance.projection.support.DocumentFactBook;
import org.hospital.surveillance.projection.support.ReadModelChanges;
import org.hospital.surveillance.projection.support.ReadModelStores;
import org.hospital.surveillance.projection.support.WriteBehindDocuments;

/**
 * The next generation of a projection's collections while a rebuild fills them: nobody else writes
 * there and nobody reads them yet, so the rebuild folds the history into documents held in memory
 * and writes the changed ones in bulk at each {@link #flush} (or, within a pass, on a writer thread
 * while the fold goes on: {@link #flushInBackground}). Fact locators stay in memory: only
 * those of the facts the live processor may see again are written, at the switch
 * ({@link #handOverLocatorsRecordedAfter}); the live projection derives any other from the fact's
 * own events when it needs one.
 */
final class RebuildReadModelStores implements ReadModelStores {

    /** Feed numbers reserved per round trip: one per alert change otherwise. */
    private static final int COUNTER_BLOCK = 1000;

    private final MongoDatabase database;
    private final int generation;
    private final Executor writer;
    private final List<WriteBehindDocuments> opened = new ArrayList<>();
    /** Per fact collection, the book whose locators belong there. */
    private final Map<String, DocumentFactBook> books = new LinkedHashMap<>();
    /** The index each collection was created with, by name. */
    private final Map<MongoCollection<Document>, String> indexed = new LinkedHashMap<>();
    private final List<ReservedBlocks> counters = new ArrayList<>();
    private long position = -1;

    /** @param writer the one thread that writes the buffers' windows in the background */
    RebuildReadModelStores(MongoDatabase database, int generation, Executor writer) {
        this.database = database;
        this.generation = generation;
        this.writer = writer;
    }

    /** The history position of the event about to be applied. */
    void at(long position) {
        this.position = position;
    }

    @Override
    public DocumentFactBook factBook(String bucketCollection, String factCollection, List<String> queryFields) {
        // The same index the live generation has, for the read API's month filter on a real MongoDB.
        // Readers keep a month's answer per position of the buckets: the position moves past any they kept of a name used before.
        return books.computeIfAbsent(factCollection, name -> new DocumentFactBook(documents(bucketCollection, queryFields,
                new ReadModelChanges(database, ReadModelGenerations.collectionName(bucketCollection, generation))::moved),
                () -> position));
    }

    /** A new generation starts empty, which lets the buffer answer every read itself. */
    @Override
    public WriteBehindDocuments documents(String collection, List<String> queryFields) {
        return documents(collection, queryFields, () -> { });
    }

    private WriteBehindDocuments documents(String collection, List<String> queryFields, Runnable afterWrite) {
        MongoCollection<Document> documents = database.getCollection(ReadModelGenerations.collectionName(collection, generation));
        if (!queryFields.isEmpty()) {
            indexed.put(documents, documents.createIndex(Indexes.ascending(queryFields)));
        }
        WriteBehindDocuments buffer = new WriteBehindDocuments(documents, writer, afterWrite);
        buffer.clear();
        opened.add(buffer);
        return buffer;
    }

    /**
     * The live model's counters: what the rebuild numbers comes after what the live model had
     * numbered when each block was reserved. Numbers of a block left unused are skipped, which the
     * readers allow (they need order, not contiguity).
     */
    @Override
    public LongSupplier counter(String collection, String id) {
        ReservedBlocks counter = new ReservedBlocks(database.getCollection(collection), id);
        counters.add(counter);
        return counter;
    }

    /**
     * Gives back the numbers of each counter's last block that the rebuild left unused, if no one
     * took a number since (called while the live processors are paused for the switch): the counter
     * then stands at the highest number the rebuilt model holds, as it does after a live change,
     * which is what lets the alert board's readers keep a board they read (see the query side).
     */
    void returnUnusedNumbers() {
        counters.forEach(ReservedBlocks::returnUnused);
    }

    /** Writes what changed and waits for every write, those handed to the writer before included. */
    void flush() {
        opened.forEach(WriteBehindDocuments::flush);
    }

    /** Hands what changed to the writer, to be written while the rebuild reads on. */
    void flushInBackground() {
        opened.forEach(WriteBehindDocuments::flushInBackground);
    }

    /**
     * Writes the locators of the facts applied after {@code after} (the lowest position the live
     * processor may deliver again once restarted on this generation), so that an event it delivers
     * again finds its fact's version already applied.
     */
    void handOverLocatorsRecordedAfter(long after) {
        books.forEach((factCollection, book) -> {
            List<Document> locators = book.locatorsRecordedAfter(after);
            if (!locators.isEmpty()) {
                documents(factCollection, List.of()).writeAlso(locators);
            }
        });
    }

    /**
     * Every collection of the generation still holds all the rebuild wrote there, and is the one it
     * created: the rebuild rewrites documents whole, so a collection dropped behind its back can
     * hold them all again, recreated without the index made at the start.
     */
    boolean intact() {
        boolean indexesKept = indexed.entrySet().stream().allMatch(index -> index.getKey().listIndexes()
                .map(info -> info.getString("name")).into(new ArrayList<>()).contains(index.getValue()));
        return indexesKept && opened.stream().allMatch(WriteBehindDocuments::holdsEverythingWritten);
    }

    /** A counter document incremented by a block at a time; numbers within a block are handed out in order. */
    private static final class ReservedBlocks implements LongSupplier {

        private static final FindOneAndUpdateOptions RESERVE = new FindOneAndUpdateOptions()
                .upsert(true).returnDocument(ReturnDocument.AFTER);

        private final MongoCollection<Document> collection;
        private final String id;
        private long next = 1;
        private long last;

        ReservedBlocks(MongoCollection<Document> collection, String id) {
            this.collection = collection;
            this.id = id;
        }

        @Override
        public long getAsLong() {
            if (next > last) {
                Document counter = collection.findOneAndUpdate(Filters.eq("_id", id),
                        Updates.inc("position", (long) COUNTER_BLOCK), RESERVE);
                last = counter.getLong("position");
                next = last - COUNTER_BLOCK + 1;
            }
            return next++;
        }

        /** Sets the counter back to the last number handed out, unless it moved since this block was reserved. */
        void returnUnused() {
            if (next <= last) {
                collection.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("position", last)),
                        Updates.set("position", next - 1));
                last = next - 1;
            }
        }
    }
}

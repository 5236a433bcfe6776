package org.hospital.surveillance.projection.support;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

/**
 * How far one read-model collection has changed, for readers that keep the answers they computed
 * from it (the query side's month figures). One document per collection in {@value #COLLECTION},
 * {@code {_id: <collection>, position: n, writing: {<writer>: true}}}: a writer marks itself before it
 * writes and, once its writes are acknowledged, unmarks itself and moves the position in one update.
 * So an answer read while no writer was marked, with the document the same before and after the read,
 * is the collection at that position, and stays it while the document stays the same. A writer is
 * named by what it writes for (a processor's segment), so the one that takes over a segment whose
 * writer died mid-write clears the mark at its first write; until then answers are read every time,
 * never kept. The documents are never dropped with a generation, so a position never comes back.
 */
public final class ReadModelChanges {

    public static final String COLLECTION = "read_model_changes";
    public static final String POSITION = "position";
    public static final String WRITING = "writing";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> changes;
    private final String collection;

    public ReadModelChanges(MongoDatabase database, String collection) {
        this.changes = database.getCollection(COLLECTION);
        this.collection = collection;
    }

    /** Runs the writes between the writer's mark and the move of the position; a failure leaves the mark. */
    public void write(String writer, Runnable writes) {
        String mark = WRITING + "." + MongoKeys.escape(writer);
        changes.updateOne(eq("_id", collection), Updates.set(mark, true), UPSERT);
        writes.run();
        changes.updateOne(eq("_id", collection), Updates.combine(Updates.unset(mark), Updates.inc(POSITION, 1L)), UPSERT);
    }

    /**
     * Moves the position after writes no one reads while they happen (a rebuild's next generation,
     * read once it is switched to).
     */
    public void moved() {
        changes.updateOne(eq("_id", collection), Updates.inc(POSITION, 1L), UPSERT);
    }
}

package org.hospital.surveillance.projection.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rebuild's buffer handing a window of changed documents to its writer thread: what is written is
 * each document as it was at the hand-over, whatever the fold changes afterwards; the next flush
 * writes the newer state after it; a background write that fails comes out of the next flush.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WriteBehindDocumentsTest extends WireMongoTest {

    /** Runs the writes handed to it only when the test says, so a test sees what lies between hand-over and write. */
    private static final class HeldWriter implements Executor {
        private final Deque<Runnable> held = new ArrayDeque<>();

        @Override
        public void execute(Runnable write) {
            held.add(write);
        }

        void runHeld() {
            while (!held.isEmpty()) {
                held.poll().run();
            }
        }
    }

    @Test
    void theCollectionsPositionMovesOnlyOnceAWindowIsWritten() {
        MongoCollection<Document> collection = database.getCollection("rates_by_ward_month_g2");
        HeldWriter writer = new HeldWriter();
        ReadModelChanges changes = new ReadModelChanges(database, "rates_by_ward_month_g2");
        WriteBehindDocuments buffer = new WriteBehindDocuments(collection, writer, changes::moved);
        buffer.clear();
        assertThat(position()).as("after the clear").isEqualTo(1);
        buffer.save(new Document("_id", "ICU-1|2026-03").append("patientDays", 18));

        buffer.flushInBackground();
        assertThat(position()).as("handed over, not written").isEqualTo(1);
        writer.runHeld();
        assertThat(position()).isEqualTo(2);
        buffer.save(new Document("_id", "ICU-1|2026-04").append("patientDays", 5));
        buffer.flush();
        assertThat(position()).isEqualTo(3);
        assertThat(collection.countDocuments()).isEqualTo(2);
    }

    private long position() {
        Document changes = database.getCollection(ReadModelChanges.COLLECTION).find(new Document("_id", "rates_by_ward_month_g2")).first();
        return changes == null ? 0 : changes.getLong(ReadModelChanges.POSITION);
    }

    @Test
    void aWindowIsWrittenAsItWasWhenHandedToTheWriter() {
        MongoCollection<Document> collection = database.getCollection("rates_by_ward_month_g2");
        HeldWriter writer = new HeldWriter();
        WriteBehindDocuments buffer = emptied(collection, writer);
        buffer.save(new Document("_id", "ICU-1|2026-03").append("patientDays", 18));

        buffer.flushInBackground();
        // The fold goes on with the same document before the writer gets to it.
        buffer.find("ICU-1|2026-03").put("patientDays", 38);
        buffer.save(buffer.find("ICU-1|2026-03"));
        assertThat(collection.countDocuments()).isZero();
        writer.runHeld();

        assertThat(collection.find().first()).isEqualTo(new Document("_id", "ICU-1|2026-03").append("patientDays", 18));
        buffer.flush();
        assertThat(collection.find().first()).isEqualTo(new Document("_id", "ICU-1|2026-03").append("patientDays", 38));
        assertThat(buffer.holdsEverythingWritten()).isTrue();
    }

    @Test
    void aFailedBackgroundWriteComesOutOfTheNextFlush() {
        MongoCollection<Document> collection = database.getCollection("alerts_g2");
        HeldWriter writer = new HeldWriter();
        WriteBehindDocuments buffer = emptied(collection, writer);
        buffer.save(new Document("_id", "A-1").append("status", "OPEN"));
        buffer.flushInBackground();
        // Someone else wrote the same key meanwhile: the buffer's plain insert of a new document fails.
        collection.insertOne(new Document("_id", "A-1").append("status", "CLOSED"));
        writer.runHeld();

        assertThatThrownBy(buffer::flush).isInstanceOf(IllegalStateException.class)
                .hasCauseInstanceOf(MongoBulkWriteException.class);
    }

    /** A new generation's buffer, as a rebuild opens it. */
    private static WriteBehindDocuments emptied(MongoCollection<Document> collection, Executor writer) {
        WriteBehindDocuments buffer = new WriteBehindDocuments(collection, writer);
        buffer.clear();
        return buffer;
    }
}

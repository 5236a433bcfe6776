package org.hospital.surveillance.projection.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The placement algorithm against a real wire server, including crashes between its writes. */
class FactPlacerTest extends WireMongoTest {

    private static final Bucket ICU_MARCH = Bucket.wardMonth("ICU-1", YearMonth.of(2026, 3));
    private static final Bucket SURGERY_APRIL = Bucket.wardMonth("SURG-2", YearMonth.of(2026, 4));
    private static final FactRef CASE_1 = new FactRef("case-report:C-1", "cases", "C-1");
    private static final FactRef CASE_2 = new FactRef("case-report:C-2", "cases", "C-2");

    private MongoFactBook book;

    @BeforeEach
    void book() {
        book = new MongoFactBook(database, "buckets", "facts", List.of("month", "wardId"));
    }

    @Test
    void placesTheEntryAndCopiesTheBucketIdToTopLevelFields() {
        new FactPlacer(book).apply(CASE_1, "report", 0, state -> counts(ICU_MARCH, "VENTILATOR"));

        Document bucket = bucketOrNull(ICU_MARCH);
        assertThat(bucket.getString("wardId")).isEqualTo("ICU-1");
        assertThat(bucket.getString("month")).isEqualTo("2026-03");
        assertThat(bucket.get("cases", Document.class)).isEqualTo(new Document("C-1", new Document("device", "VENTILATOR")));
        FactRecord locator = book.find("case-report:C-1").orElseThrow();
        assertThat(locator.applied()).containsEntry("report", 0L);
        assertThat(locator.placedIn()).containsExactly("ICU-1|2026-03");
    }

    @Test
    void theSameVersionTwiceChangesNothingAndIsReportedAsSkipped() {
        FactPlacer placer = new FactPlacer(book);
        assertThat(placer.apply(CASE_1, "report", 0, state -> counts(ICU_MARCH, null))).isTrue();
        List<Document> once = snapshot(database, "buckets", "facts");

        assertThat(placer.apply(CASE_1, "report", 0, state -> counts(ICU_MARCH, null))).isFalse();

        assertThat(snapshot(database, "buckets", "facts")).isEqualTo(once);
    }

    @Test
    void anOlderVersionArrivingAfterANewerOneIsIgnored() {
        FactPlacer placer = new FactPlacer(book);
        placer.apply(CASE_1, "report", 1, state -> counts(SURGERY_APRIL, null));

        assertThat(placer.apply(CASE_1, "report", 0, state -> counts(ICU_MARCH, null))).isFalse();

        assertThat(entries(SURGERY_APRIL)).containsOnlyKeys("C-1");
        assertThat(bucketOrNull(ICU_MARCH)).isNull();
    }

    @Test
    void aMovedFactLeavesItsOldBucketAndLeavesOtherFactsThere() {
        FactPlacer placer = new FactPlacer(book);
        placer.apply(CASE_1, "report", 0, state -> counts(ICU_MARCH, null));
        placer.apply(CASE_2, "report", 0, state -> counts(ICU_MARCH, null));

        placer.apply(CASE_1, "report", 1, state -> counts(SURGERY_APRIL, null));

        assertThat(entries(ICU_MARCH)).containsOnlyKeys("C-2");
        assertThat(entries(SURGERY_APRIL)).containsOnlyKeys("C-1");
        assertThat(book.find("case-report:C-1").orElseThrow().placedIn()).containsExactly("SURG-2|2026-04");
    }

    @Test
    void aFactThatCountsNowhereIsRemovedAndRemembersItsVersion() {
        FactPlacer placer = new FactPlacer(book);
        placer.apply(CASE_1, "report", 0, state -> counts(ICU_MARCH, null));

        placer.apply(CASE_1, "report", 1, state -> Transition.countsNowhere());

        assertThat(entries(ICU_MARCH)).isEmpty();
        FactRecord locator = book.find("case-report:C-1").orElseThrow();
        assertThat(locator.placedIn()).isEmpty();
        assertThat(locator.applied()).containsEntry("report", 1L);
    }

    @Test
    void partsAreVersionedIndependently() {
        FactPlacer placer = new FactPlacer(book);
        placer.apply(CASE_1, "load", 2, state -> new Transition(state.append("load", "v2"), Optional.empty()));

        // A reading with a lower sequence number than the load is still new for its own part.
        assertThat(placer.apply(CASE_1, "reading", 1, state -> new Transition(state.append("reading", "r1"), Optional.empty())))
                .isTrue();

        FactRecord locator = book.find("case-report:C-1").orElseThrow();
        assertThat(locator.state()).isEqualTo(new Document("load", "v2").append("reading", "r1"));
        assertThat(locator.applied()).containsEntry("load", 2L).containsEntry("reading", 1L);
    }

    @Test
    void entryKeysWithDotsAndDollarsStayOneEntry() {
        FactRef odd = new FactRef("case-report:C.1$x", "cases", "C.1$x");
        new FactPlacer(book).apply(odd, "report", 0, state -> counts(ICU_MARCH, null));

        assertThat(entries(ICU_MARCH)).containsOnlyKeys("C%2E1%24x");
    }

    @Test
    void clearForgetsBucketsAndLocatorsButKeepsTheQueryIndex() {
        new FactPlacer(book).apply(CASE_1, "report", 0, state -> counts(ICU_MARCH, null));

        book.clear();

        // Nothing but the mark that the month key lists (none yet) are complete.
        assertThat(database.getCollection("buckets").find()).containsExactly(Bucket.keysComplete());
        assertThat(database.getCollection("facts").countDocuments()).isZero();
        assertThat(database.getCollection("buckets").listIndexes().map(index -> index.getString("name")))
                .contains("month_1_wardId_1");
    }

    /**
     * Moving C-1 from ICU/March to surgery/April takes three writes (put, remove, record). Whichever
     * write the crash prevents, redelivering the batch from the start converges to the state of a
     * run without a crash.
     */
    @ParameterizedTest(name = "crash before write {0} of the move")
    @ValueSource(ints = {0, 1, 2})
    void aCrashBetweenWritesConvergesOnRedelivery(int writesBeforeCrash) {
        MongoDatabase reference = newDatabase();
        runBatch(new FactPlacer(new MongoFactBook(reference, "buckets", "facts", List.of("month", "wardId"))));

        FactPlacer placer = new FactPlacer(book);
        placer.apply(CASE_2, "report", 0, state -> counts(ICU_MARCH, null));
        placer.apply(CASE_1, "report", 0, state -> counts(ICU_MARCH, null));
        FactPlacer crashing = new FactPlacer(new CrashingBook(book, writesBeforeCrash));
        assertThatThrownBy(() -> crashing.apply(CASE_1, "report", 1, state -> counts(SURGERY_APRIL, null)))
                .isInstanceOf(Crash.class);

        runBatch(placer); // the token was not committed: the whole batch comes again

        assertThat(snapshot(database, "buckets", "facts"))
                .isEqualTo(snapshot(reference, "buckets", "facts"));
        assertThat(entries(ICU_MARCH)).containsOnlyKeys("C-2");
        assertThat(entries(SURGERY_APRIL)).containsOnlyKeys("C-1");
    }

    private static void runBatch(FactPlacer placer) {
        placer.apply(CASE_2, "report", 0, state -> counts(ICU_MARCH, null));
        placer.apply(CASE_1, "report", 0, state -> counts(ICU_MARCH, null));
        placer.apply(CASE_1, "report", 1, state -> counts(SURGERY_APRIL, null));
    }

    private static Transition counts(Bucket bucket, String device) {
        return Transition.countsIn(new Placement(bucket, new Document("device", device)));
    }

    private Document bucketOrNull(Bucket id) {
        return bucket("buckets", id);
    }

    private Document entries(Bucket id) {
        return entries("buckets", id, "cases");
    }

    private static final class Crash extends RuntimeException {
        Crash() {
            super("simulated crash");
        }
    }

    /** Lets a number of writes through, then fails every write: the process died there. */
    private static final class CrashingBook implements FactBook {
        private final FactBook delegate;
        private int writesLeft;

        CrashingBook(FactBook delegate, int writesBeforeCrash) {
            this.delegate = delegate;
            this.writesLeft = writesBeforeCrash;
        }

        @Override
        public Optional<FactRecord> find(String factId) {
            return delegate.find(factId);
        }

        @Override
        public void put(Bucket bucket, FactRef fact, Document entry) {
            write();
            delegate.put(bucket, fact, entry);
        }

        @Override
        public void remove(String bucketId, FactRef fact) {
            write();
            delegate.remove(bucketId, fact);
        }

        @Override
        public void record(String factId, FactRecord record) {
            write();
            delegate.record(factId, record);
        }

        @Override
        public void clear() {
            delegate.clear();
        }

        private void write() {
            if (writesLeft-- <= 0) {
                throw new Crash();
            }
        }
    }
}

package org.hospital.surveillance.projection.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;
import org.bson.Document;
import org.hospital.surveillance.events.casereport.CaseCategory;
import org.hospital.surveillance.events.casereport.CaseReport;
import org.hospital.surveillance.events.casereport.CaseReportAmended;
import org.hospital.surveillance.events.casereport.CaseReportRetracted;
import org.hospital.surveillance.events.casereport.CaseReported;
import org.hospital.surveillance.events.casereport.DeviceAssociation;
import org.hospital.surveillance.events.casereport.InfectionSite;
import org.hospital.surveillance.events.census.WardCensus;
import org.hospital.surveillance.events.census.WardCensusCorrected;
import org.hospital.surveillance.events.census.WardCensusRecorded;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorRead;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorResult;
import org.hospital.surveillance.events.sterilization.BowieDickResult;
import org.hospital.surveillance.events.sterilization.CycleType;
import org.hospital.surveillance.events.sterilization.IndicatorResult;
import org.hospital.surveillance.events.sterilization.SterilizationLoad;
import org.hospital.surveillance.events.sterilization.SterilizationLoadRecorded;
import org.hospital.surveillance.projection.rates.RatesProjection;
import org.hospital.surveillance.projection.sterilization.SterilizationComplianceProjection;
import org.hospital.surveillance.projection.support.EventFeed.DomainEvent;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.junit.jupiter.api.Test;

/**
 * The same projection over the live MongoDB stores, over memory (a look into the past) and over
 * write-behind buffers (a rebuild) leaves the same bucket documents, so the query side reads any of
 * them alike; the last two write no locators. The history moves facts between buckets, retracts one, corrects a census, redelivers an
 * old version, puts a dot in a map key and delivers a biological reading before its load.
 */
class ReadModelStoresTest extends WireMongoTest {

    private static final HospitalCalendar UTC = HospitalCalendar.utc();

    @Test
    void ratesAreTheSameDocumentsLiveInMemoryAndWrittenBehind() {
        List<DomainEvent> history = List.of(
                census(0, "2026-03-01", 18), census(0, "2026-03-02", 20), census(1, "2026-03-01", 21),
                new DomainEvent("case-report:C-1", 0, new CaseReported(hai("C-1", "ICU-1", "2026-03-05T10:00:00Z"))),
                new DomainEvent("case-report:C.2", 0, new CaseReported(hai("C.2", "ICU-1", "2026-03-06T10:00:00Z"))),
                // C-1 moves to MED-3 in April, C.2 is retracted, the first C-1 is redelivered.
                new DomainEvent("case-report:C-1", 1, new CaseReportAmended(hai("C-1", "MED-3", "2026-04-02T10:00:00Z"))),
                new DomainEvent("case-report:C.2", 1, new CaseReportRetracted("C.2", "wrong patient")),
                new DomainEvent("case-report:C-1", 0, new CaseReported(hai("C-1", "ICU-1", "2026-03-05T10:00:00Z"))));

        List<List<Document>> results = sameHistoryThreeWays(history,
                stores -> new RatesProjection(stores, UTC), RatesProjection.BUCKETS, RatesProjection.FACTS);

        assertThat(results.get(0)).isNotEmpty();
        // The month key lists, kept alike by all three: C-1 left ICU-1's March, whose key stays listed.
        assertThat(results.get(0).get(0).getList("documents", Document.class)).contains(
                new Document("_id", "2026-03|keys").append("keys", new Document("ICU-1", new Document("wardId", "ICU-1"))),
                new Document("_id", "2026-04|keys").append("keys", new Document("MED-3", new Document("wardId", "MED-3"))),
                Bucket.keysComplete());
        assertThat(results.get(1)).isEqualTo(results.get(0));
        assertThat(results.get(2)).isEqualTo(results.get(0));
    }

    @Test
    void sterilizationIsTheSameWithAReadingBeforeItsLoad() {
        List<DomainEvent> history = List.of(
                new DomainEvent("sterilization-load:S1-001", 1,
                        new BiologicalIndicatorRead("S1-001", IndicatorResult.FAIL, Instant.parse("2026-03-03T07:00:00Z"))),
                new DomainEvent("sterilization-load:S1-001", 0, new SterilizationLoadRecorded(load("S1-001"))),
                new DomainEvent("sterilization-load:S1-002", 0, new SterilizationLoadRecorded(load("S1-002"))));

        List<List<Document>> results = sameHistoryThreeWays(history,
                stores -> new SterilizationComplianceProjection(stores, UTC),
                SterilizationComplianceProjection.BUCKETS, SterilizationComplianceProjection.FACTS);

        assertThat(results.get(0).toString()).contains("FAILED").contains("PENDING");
        assertThat(results.get(1)).isEqualTo(results.get(0));
        assertThat(results.get(2)).isEqualTo(results.get(0));
    }

    interface ProjectionOver {
        Object over(ReadModelStores stores);
    }

    /** Live MongoDB, memory, and write-behind flushed half-way and at the end: the documents of each, by collection and _id. */
    private List<List<Document>> sameHistoryThreeWays(List<DomainEvent> history, ProjectionOver projection,
                                                      String... collections) {
        MongoDatabase live = newDatabase();
        new EventFeed(projection.over(new LiveStores(live))).deliverAll(history);

        InMemoryReadModelStores memory = new InMemoryReadModelStores();
        new EventFeed(projection.over(memory)).deliverAll(history);
        List<Document> inMemory = new ArrayList<>();
        for (String collection : collections) {
            List<Document> documents = memory.documents(collection).all();
            documents.sort(Comparator.comparing(d -> String.valueOf(d.get("_id"))));
            inMemory.add(new Document("collection", collection).append("documents", documents));
        }

        MongoDatabase behind = newDatabase();
        WriteBehindStores buffered = new WriteBehindStores(behind);
        EventFeed feed = new EventFeed(projection.over(buffered));
        int half = history.size() / 2;
        feed.deliverAll(history.subList(0, half));
        buffered.flush();
        feed.deliverAll(history.subList(half, history.size()));
        buffered.flush();

        // Locators are the live model's alone: memory and write-behind keep theirs in the book, unwritten.
        String buckets = collections[0];
        String facts = collections[1];
        assertThat(live.getCollection(facts).countDocuments()).isPositive();
        assertThat(memory.documents(facts).all()).isEmpty();
        assertThat(behind.getCollection(facts).countDocuments()).isZero();
        List<Document> inMemoryBuckets = inMemory.subList(0, 1);
        return List.of(WireMongo.snapshot(live, buckets), inMemoryBuckets, WireMongo.snapshot(behind, buckets));
    }

    private record LiveStores(MongoDatabase database) implements ReadModelStores {
        @Override
        public FactBook factBook(String bucketCollection, String factCollection, List<String> queryFields) {
            return new MongoFactBook(database, bucketCollection, factCollection, queryFields);
        }

        @Override
        public KeyedDocuments documents(String collection, List<String> queryFields) {
            return new MongoDocuments(database.getCollection(collection));
        }

        @Override
        public LongSupplier counter(String collection, String id) {
            return new MongoCounter(database.getCollection(collection), id);
        }
    }

    private static final class WriteBehindStores implements ReadModelStores {
        private final MongoDatabase database;
        private final List<WriteBehindDocuments> opened = new ArrayList<>();

        WriteBehindStores(MongoDatabase database) {
            this.database = database;
        }

        @Override
        public FactBook factBook(String bucketCollection, String factCollection, List<String> queryFields) {
            return new DocumentFactBook(documents(bucketCollection, queryFields));
        }

        @Override
        public LongSupplier counter(String collection, String id) {
            return new MongoCounter(database.getCollection(collection), id);
        }

        @Override
        public WriteBehindDocuments documents(String collection, List<String> queryFields) {
            WriteBehindDocuments documents = new WriteBehindDocuments(database.getCollection(collection));
            opened.add(documents);
            return documents;
        }

        void flush() {
            opened.forEach(WriteBehindDocuments::flush);
        }
    }

    private static DomainEvent census(long sequence, String date, int patients) {
        WardCensus census = new WardCensus("ICU-1", LocalDate.parse(date), patients, 2, 6, 8, 4);
        return new DomainEvent("ward-census:ICU-1:" + date, sequence,
                sequence == 0 ? new WardCensusRecorded(census) : new WardCensusCorrected(census));
    }

    static CaseReport hai(String caseId, String wardId, String onsetAt) {
        return new CaseReport(caseId, "P-1", wardId, CaseCategory.HAI, InfectionSite.BSI, null, null,
                Instant.parse(onsetAt), DeviceAssociation.CENTRAL_LINE, null, null);
    }

    static SterilizationLoad load(String loadId) {
        return new SterilizationLoad(loadId, "S1", CycleType.PREVACUUM_STEAM, Instant.parse("2026-03-02T07:00:00Z"),
                BowieDickResult.PASS, IndicatorResult.PASS, BiologicalIndicatorResult.PENDING, 40);
    }
}

package org.hospital.surveillance.projection.rates;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import org.hospital.surveillance.projection.support.Bucket;
import org.hospital.surveillance.projection.support.EventFeed;
import org.hospital.surveillance.projection.support.FactStreamsHeld;
import org.hospital.surveillance.projection.support.EventFeed.DomainEvent;
import org.hospital.surveillance.projection.support.WireMongoTest;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RatesProjectionTest extends WireMongoTest {

    private static final String BUCKETS = RatesProjection.BUCKETS;
    private static final Bucket ICU_MARCH = Bucket.wardMonth("ICU-1", YearMonth.of(2026, 3));
    private static final Bucket ICU_APRIL = Bucket.wardMonth("ICU-1", YearMonth.of(2026, 4));
    private static final Bucket ICU_FEBRUARY = Bucket.wardMonth("ICU-1", YearMonth.of(2026, 2));
    private static final Bucket MED_MARCH = Bucket.wardMonth("MED-3", YearMonth.of(2026, 3));

    private EventFeed feed;

    @BeforeEach
    void projection() {
        feed = feedOn(database, HospitalCalendar.utc());
    }

    private static EventFeed feedOn(MongoDatabase database, HospitalCalendar calendar) {
        return new EventFeed(new RatesProjection(database, calendar));
    }

    @Test
    void eachCensusDayIsAnEntryInTheBucketOfItsWardAndMonth() {
        feed.deliver(census(0, "ICU-1", "2026-03-01", 18, 2, 6, 8, 4));
        feed.deliver(census(0, "ICU-1", "2026-03-31", 17, 1, 5, 7, 3));
        feed.deliver(census(0, "ICU-1", "2026-04-01", 16, 0, 5, 6, 3));
        // A late census is placed by its own date, not by when it arrives.
        feed.deliver(census(0, "ICU-1", "2026-02-28", 15, 3, 4, 4, 2));

        assertThat(entries(BUCKETS, ICU_MARCH, "census")).isEqualTo(new Document()
                .append("2026-03-01", counts(18, 2, 6, 8, 4))
                .append("2026-03-31", counts(17, 1, 5, 7, 3)));
        assertThat(entries(BUCKETS, ICU_APRIL, "census")).containsOnlyKeys("2026-04-01");
        assertThat(entries(BUCKETS, ICU_FEBRUARY, "census")).isEqualTo(new Document("2026-02-28", counts(15, 3, 4, 4, 2)));
        Document bucket = bucket(BUCKETS, ICU_MARCH);
        assertThat(bucket.getString("wardId")).isEqualTo("ICU-1");
        assertThat(bucket.getString("month")).isEqualTo("2026-03");
    }

    @Test
    void aCorrectionReplacesTheDayAndTheOriginalRedeliveredDoesNotComeBack() {
        DomainEvent recorded = census(0, "ICU-1", "2026-03-05", 18, 2, 6, 8, 4);
        DomainEvent corrected = correction(1, "ICU-1", "2026-03-05", 20, 3, 6, 8, 5);
        feed.deliver(recorded);
        feed.deliver(corrected);

        feed.deliver(recorded);

        assertThat(entries(BUCKETS, ICU_MARCH, "census")).isEqualTo(new Document("2026-03-05", counts(20, 3, 6, 8, 5)));
    }

    @Test
    void anHaiCaseCountsInTheWardAndMonthOfItsOnsetWithItsDevice() {
        feed.deliver(reported(0, hai("C-1", "ICU-1", "2026-03-20T06:00:00Z", DeviceAssociation.VENTILATOR)));
        feed.deliver(reported(0, hai("C-2", "ICU-1", "2026-03-21T06:00:00Z", null)));
        feed.deliver(reported(0, notifiable("C-3", "ICU-1", "2026-03-22T06:00:00Z")));

        assertThat(entries(BUCKETS, ICU_MARCH, "cases")).isEqualTo(new Document()
                .append("C-1", caseEntry("2026-03-20", "PNEU", "VENTILATOR"))
                .append("C-2", caseEntry("2026-03-21", "PNEU", null)));
    }

    @Test
    void theOnsetMonthIsTakenInTheHospitalZone() {
        EventFeed shanghai = feedOn(database, new HospitalCalendar(ZoneId.of("Asia/Shanghai")));

        // 16:30 UTC on 31 March is 00:30 on 1 April in Shanghai (UTC+8).
        shanghai.deliver(reported(0, hai("C-1", "ICU-1", "2026-03-31T16:30:00Z", null)));

        assertThat(entries(BUCKETS, ICU_APRIL, "cases")).isEqualTo(new Document("C-1", caseEntry("2026-04-01", "PNEU", null)));
        assertThat(bucket(BUCKETS, ICU_MARCH)).isNull();
    }

    @Test
    void anAmendmentMovesTheCaseToItsNewWardMonthAndDevice() {
        feed.deliver(reported(0, hai("C-1", "ICU-1", "2026-03-20T06:00:00Z", DeviceAssociation.VENTILATOR)));
        feed.deliver(reported(0, hai("C-2", "ICU-1", "2026-03-22T06:00:00Z", null)));

        feed.deliver(amended(1, hai("C-1", "MED-3", "2026-03-20T06:00:00Z", DeviceAssociation.CENTRAL_LINE)));
        assertThat(entries(BUCKETS, ICU_MARCH, "cases")).containsOnlyKeys("C-2");
        assertThat(entries(BUCKETS, MED_MARCH, "cases")).isEqualTo(new Document("C-1", caseEntry("2026-03-20", "PNEU", "CENTRAL_LINE")));

        feed.deliver(amended(2, hai("C-1", "MED-3", "2026-04-02T06:00:00Z", DeviceAssociation.CENTRAL_LINE)));
        assertThat(entries(BUCKETS, MED_MARCH, "cases")).isEmpty();
        assertThat(entries(BUCKETS, Bucket.wardMonth("MED-3", YearMonth.of(2026, 4)), "cases")).containsOnlyKeys("C-1");
    }

    @Test
    void anAmendmentToANotifiableDiseaseTakesTheCaseOutOfTheRates() {
        feed.deliver(reported(0, hai("C-1", "ICU-1", "2026-03-20T06:00:00Z", null)));

        feed.deliver(amended(1, notifiable("C-1", "ICU-1", "2026-03-20T06:00:00Z")));

        assertThat(entries(BUCKETS, ICU_MARCH, "cases")).isEmpty();
    }

    @Test
    void aRetractedCaseLeavesTheRatesAndARedeliveredReportDoesNotBringItBack() {
        DomainEvent reported = reported(0, hai("C-1", "ICU-1", "2026-03-20T06:00:00Z", null));
        feed.deliver(reported);
        feed.deliver(reported(0, hai("C-2", "ICU-1", "2026-03-21T06:00:00Z", null)));

        feed.deliver(retracted(1, "C-1"));
        feed.deliver(reported);

        assertThat(entries(BUCKETS, ICU_MARCH, "cases")).containsOnlyKeys("C-2");
    }

    @Test
    void anAmendmentAfterARetractionIsTheLatestVersionAndCountsAgain() {
        feed.deliver(reported(0, hai("C-1", "ICU-1", "2026-03-20T06:00:00Z", null)));
        feed.deliver(retracted(1, "C-1"));

        feed.deliver(amended(2, hai("C-1", "ICU-1", "2026-03-20T06:00:00Z", null)));

        assertThat(entries(BUCKETS, ICU_MARCH, "cases")).containsOnlyKeys("C-1");
    }

    @Test
    void redeliveringEveryEventChangesNothing() {
        List<DomainEvent> history = month();
        feed.deliverAll(history);
        List<Document> once = snapshot(database, RatesProjection.BUCKETS, RatesProjection.FACTS);

        feed.deliverAll(history);

        assertThat(snapshot(database, RatesProjection.BUCKETS, RatesProjection.FACTS)).isEqualTo(once);
    }

    @Test
    void theSameFactsInAnyOrderGiveTheSameReadModel() {
        feed.deliverAll(month());
        // What month() amounts to, by hand: C-1 moved to MED-3, C-2 retracted, C-3 in ICU-1,
        // the 3 March census corrected; the April census and case in April's bucket.
        assertThat(entries(BUCKETS, ICU_MARCH, "cases")).containsOnlyKeys("C-3");
        assertThat(entries(BUCKETS, MED_MARCH, "cases")).containsOnlyKeys("C-1");
        assertThat(entries(BUCKETS, ICU_MARCH, "census")).isEqualTo(new Document()
                .append("2026-03-02", counts(10, 1, 2, 3, 1))
                .append("2026-03-03", counts(12, 2, 3, 3, 2)));
        assertThat(entries(BUCKETS, ICU_APRIL, "cases")).containsOnlyKeys("C-4");
        List<Document> inOrder = snapshot(database, BUCKETS);

        Random random = new Random(20260301);
        for (int round = 0; round < 25; round++) {
            List<DomainEvent> shuffled = new ArrayList<>(month());
            Collections.shuffle(shuffled, random);
            MongoDatabase other = newDatabase();
            feedOn(other, HospitalCalendar.utc()).deliverAll(shuffled);
            // The figures, in any order at all. Which facts a bucket has held (for looks into the past)
            // can only be known when a fact's own events come in their order, as processors deliver them.
            assertThat(withoutFactsHeld(snapshot(other, BUCKETS))).as("order %s", shuffled)
                    .isEqualTo(withoutFactsHeld(inOrder));
        }
        for (int round = 0; round < 25; round++) {
            List<DomainEvent> interleaved = interleave(month(), random);
            MongoDatabase other = newDatabase();
            feedOn(other, HospitalCalendar.utc()).deliverAll(interleaved);
            assertThat(snapshot(other, BUCKETS)).as("order %s", interleaved).isEqualTo(inOrder);
        }
    }

    @Test
    void aBucketListsEveryFactItHasHeldEvenAfterTheFactLeftIt() {
        feed.deliverAll(month());

        // C-1 moved on to MED-3 and C-2 was retracted: both were in ICU-1's March once.
        assertThat(factsHeld(ICU_MARCH)).containsOnlyKeys("case-report:C-1", "case-report:C-2", "case-report:C-3",
                "ward-census:ICU-1:2026-03-02", "ward-census:ICU-1:2026-03-03");
        assertThat(factsHeld(MED_MARCH)).containsOnlyKeys("case-report:C-1");
        assertThat(factsHeld(ICU_APRIL)).containsOnlyKeys("case-report:C-4", "ward-census:ICU-1:2026-04-01");
        // Every bucket (a document with a month; the month key lists have none) is marked, and only they.
        assertThat(database.getCollection(BUCKETS).find(new Document("month", new Document("$exists", true)))
                .map(bucket -> bucket.get(FactStreamsHeld.COMPLETE))).hasSize(3).containsOnly(true);
        assertThat(database.getCollection(BUCKETS).find(new Document("month", new Document("$exists", false)))
                .map(other -> other.containsKey(FactStreamsHeld.COMPLETE) || other.containsKey(FactStreamsHeld.FIELD)))
                .isNotEmpty().containsOnly(false);
    }

    private Document factsHeld(Bucket bucket) {
        return database.getCollection(BUCKETS).find(new Document("_id", bucket.id())).first().get(FactStreamsHeld.FIELD, Document.class);
    }

    /** A random order that keeps each fact's own events in their sequence. */
    private static List<DomainEvent> interleave(List<DomainEvent> history, Random random) {
        Map<String, ArrayDeque<DomainEvent>> perFact = new LinkedHashMap<>();
        history.forEach(event -> perFact.computeIfAbsent(event.aggregateId(), id -> new ArrayDeque<>()).add(event));
        List<DomainEvent> order = new ArrayList<>();
        List<ArrayDeque<DomainEvent>> left = new ArrayList<>(perFact.values());
        while (!left.isEmpty()) {
            ArrayDeque<DomainEvent> next = left.get(random.nextInt(left.size()));
            order.add(next.poll());
            if (next.isEmpty()) {
                left.remove(next);
            }
        }
        return order;
    }

    private static List<Document> withoutFactsHeld(List<Document> snapshot) {
        List<Document> figures = new ArrayList<>();
        for (Document collection : snapshot) {
            List<Document> documents = new ArrayList<>();
            for (Document document : collection.getList("documents", Document.class)) {
                Document copy = new Document(document);
                copy.remove(FactStreamsHeld.FIELD);
                documents.add(copy);
            }
            figures.add(new Document(collection).append("documents", documents));
        }
        return figures;
    }

    @Test
    void aResetClearsTheReadModelAndAReplayRebuildsIt() {
        feed.deliverAll(month());
        List<Document> built = snapshot(database, RatesProjection.BUCKETS, RatesProjection.FACTS);

        feed.reset();
        // Nothing but the mark that the month key lists (none yet) are complete.
        assertThat(database.getCollection(RatesProjection.BUCKETS).find()).containsExactly(Bucket.keysComplete());
        assertThat(database.getCollection(RatesProjection.FACTS).countDocuments()).isZero();

        feed.deliverAll(month());
        assertThat(snapshot(database, RatesProjection.BUCKETS, RatesProjection.FACTS)).isEqualTo(built);
    }

    /** A small history touching every kind of event, in append order. */
    private static List<DomainEvent> month() {
        return List.of(
                census(0, "ICU-1", "2026-03-02", 10, 1, 2, 3, 1),
                census(0, "ICU-1", "2026-03-03", 11, 2, 3, 3, 2),
                reported(0, hai("C-1", "ICU-1", "2026-03-05T10:00:00Z", DeviceAssociation.CENTRAL_LINE)),
                reported(0, hai("C-2", "ICU-1", "2026-03-06T10:00:00Z", null)),
                correction(1, "ICU-1", "2026-03-03", 12, 2, 3, 3, 2),
                reported(0, hai("C-3", "ICU-1", "2026-03-07T10:00:00Z", DeviceAssociation.URINARY_CATHETER)),
                amended(1, hai("C-1", "MED-3", "2026-03-05T10:00:00Z", DeviceAssociation.CENTRAL_LINE)),
                retracted(1, "C-2"),
                census(0, "ICU-1", "2026-04-01", 9, 0, 1, 1, 1),
                reported(0, hai("C-4", "ICU-1", "2026-04-01T00:00:00Z", null)));
    }

    private static DomainEvent census(long sequence, String ward, String date, int present, int admissions,
                                      int centralLine, int urinaryCatheter, int ventilator) {
        WardCensus census = new WardCensus(ward, LocalDate.parse(date), present, admissions, centralLine, urinaryCatheter, ventilator);
        return new DomainEvent("ward-census:" + ward + ":" + date, sequence, new WardCensusRecorded(census));
    }

    private static DomainEvent correction(long sequence, String ward, String date, int present, int admissions,
                                          int centralLine, int urinaryCatheter, int ventilator) {
        WardCensus census = new WardCensus(ward, LocalDate.parse(date), present, admissions, centralLine, urinaryCatheter, ventilator);
        return new DomainEvent("ward-census:" + ward + ":" + date, sequence, new WardCensusCorrected(census));
    }

    private static CaseReport hai(String caseId, String ward, String onset, DeviceAssociation device) {
        return new CaseReport(caseId, "P-" + caseId, ward, CaseCategory.HAI, InfectionSite.PNEU, "Acinetobacter baumannii",
                "CRAB", Instant.parse(onset), device, null, null);
    }

    private static CaseReport notifiable(String caseId, String ward, String diagnosed) {
        return new CaseReport(caseId, "P-" + caseId, ward, CaseCategory.NOTIFIABLE, null, null, null, null, null,
                "Tuberculosis", Instant.parse(diagnosed));
    }

    private static DomainEvent reported(long sequence, CaseReport report) {
        return new DomainEvent("case-report:" + report.caseId(), sequence, new CaseReported(report));
    }

    private static DomainEvent amended(long sequence, CaseReport report) {
        return new DomainEvent("case-report:" + report.caseId(), sequence, new CaseReportAmended(report));
    }

    private static DomainEvent retracted(long sequence, String caseId) {
        return new DomainEvent("case-report:" + caseId, sequence, new CaseReportRetracted(caseId, "not an HAI after review"));
    }

    private static Document counts(int present, int admissions, int centralLine, int urinaryCatheter, int ventilator) {
        return new Document("patientsPresent", present).append("admissions", admissions)
                .append("centralLineDays", centralLine).append("urinaryCatheterDays", urinaryCatheter)
                .append("ventilatorDays", ventilator);
    }

    private static Document caseEntry(String onsetDate, String site, String device) {
        return new Document("onsetDate", onsetDate).append("infectionSite", site).append("device", device);
    }
}

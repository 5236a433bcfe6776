package org.hospital.surveillance.projection.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
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
import org.hospital.surveillance.projection.support.EventFeed;
import org.hospital.surveillance.projection.support.EventFeed.DomainEvent;
import org.hospital.surveillance.projection.support.FigureProjection;
import org.hospital.surveillance.projection.support.ProjectionReplica;
import org.hospital.surveillance.projection.support.ReadModelStores;
import org.hospital.surveillance.projection.support.WireMongoTest;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.junit.jupiter.api.Test;

/**
 * A rebuilt generation holds no locators but those it hands over at the switch; the live projection
 * that takes it over derives a missing one from the fact's own events. Amendments, corrections,
 * retractions and late readings after the rebuild move and change facts as they would have on the
 * live model that never stopped, and nothing redelivered counts twice. The rebuild folds through the
 * real rebuild stores into the embedded MongoDB, the live projection writes through the real live
 * stores.
 */
class AmendmentsAfterARebuildTest extends WireMongoTest {

    private static final HospitalCalendar UTC = HospitalCalendar.utc();
    private static final int GENERATION = 2;

    /** The event store: every event appended so far, in append order (position = index + 1). */
    private final List<DomainEvent> store = new ArrayList<>();
    /** The streams the live projection read to derive a locator. */
    private final List<String> derived = new ArrayList<>();

    @Test
    void ratesAfterARebuildMoveRetractAndCorrectOnceAndMatchTheModelThatNeverStopped() {
        append(census(0, 18), caseEvent("C-1", 0, "ICU-1", "2026-03-05"), caseEvent("C-2", 0, "ICU-1", "2026-03-06"),
                caseEvent("C-2", 1, "MED-3", "2026-04-02"), caseEvent("C-3", 0, "MED-3", "2026-03-07"),
                caseEvent("C-4", 0, "ICU-1", "2026-03-08"),
                new DomainEvent("case-report:C-4", 1, new CaseReportRetracted("C-4", "wrong patient")));
        // The live processor had handled up to position 5 when it was paused: it delivers 6 and 7 again.
        FigureProjection live = rebuildAndSwitch(stores -> new RatesProjection(stores, UTC), 5);
        EventFeed feed = new EventFeed(live);

        // C-4's first report again, whose retraction the rebuild already applied: the handed-over locator skips it.
        feed.deliver(store.get(5));
        assertThat(cases("ICU-1|2026-03")).containsOnlyKeys("C-1");
        feed.deliver(store.get(6));

        // After the switch: C-1 moves to MED-3 in March, C-2 is retracted, the census of 1 March is corrected.
        List<DomainEvent> after = List.of(caseEvent("C-1", 1, "MED-3", "2026-03-20"),
                new DomainEvent("case-report:C-2", 2, new CaseReportRetracted("C-2", "not an HAI")), census(1, 25));
        for (DomainEvent event : after) {
            append(event);
            feed.deliver(event);
        }
        // Each delivered again, and an old amendment of C-2 too: nothing changes, nothing is read again.
        after.forEach(feed::deliver);
        feed.deliver(store.get(3));

        // By hand: ICU-1 March keeps no case (C-1 and C-2 moved, C-4 retracted) and the corrected census;
        // MED-3 March has C-3 and C-1; MED-3 April lost C-2.
        assertThat(cases("ICU-1|2026-03")).isEmpty();
        assertThat(bucket(RatesProjection.BUCKETS + "_g2", "ICU-1|2026-03").get("census", Document.class)
                .get("2026-03-01", Document.class).getInteger("patientsPresent")).isEqualTo(25);
        assertThat(cases("MED-3|2026-03")).containsOnlyKeys("C-3", "C-1");
        assertThat(cases("MED-3|2026-04")).isEmpty();
        // Derived once per fact changed after the switch, never for a first event or a redelivery.
        assertThat(derived).containsExactly("case-report:C-1", "case-report:C-2", "ward-census:ICU-1:2026-03-01");
        // And the buckets are those of a live projection that saw the whole history once, in order.
        assertThat(documents(database, RatesProjection.BUCKETS + "_g2")).isEqualTo(neverStopped(stores ->
                new RatesProjection(stores, UTC), RatesProjection.BUCKETS));
    }

    @Test
    void aBiologicalReadingAfterARebuildFindsItsLoad() {
        append(new DomainEvent("sterilization-load:L-1", 0, new SterilizationLoadRecorded(load("L-1"))),
                new DomainEvent("sterilization-load:L-2", 0, new SterilizationLoadRecorded(load("L-2"))));
        FigureProjection live = rebuildAndSwitch(stores -> new SterilizationComplianceProjection(stores, UTC), 2);
        EventFeed feed = new EventFeed(live);

        DomainEvent reading = new DomainEvent("sterilization-load:L-1", 1,
                new BiologicalIndicatorRead("L-1", IndicatorResult.FAIL, Instant.parse("2026-03-03T07:00:00Z")));
        append(reading);
        feed.deliver(reading);
        feed.deliver(reading);

        Document loads = bucket(SterilizationComplianceProjection.BUCKETS + "_g2", "S1|2026-03").get("loads", Document.class);
        assertThat(loads.get("L-1", Document.class).getString("status")).isEqualTo("FAILED");
        assertThat(loads.get("L-2", Document.class).getString("status")).isEqualTo("PENDING");
        assertThat(derived).containsExactly("sterilization-load:L-1");
        assertThat(documents(database, SterilizationComplianceProjection.BUCKETS + "_g2")).isEqualTo(neverStopped(
                stores -> new SterilizationComplianceProjection(stores, UTC), SterilizationComplianceProjection.BUCKETS));
    }

    private interface ProjectionOver {
        FigureProjection over(ReadModelStores stores);
    }

    /**
     * Folds the store's events into generation 2 as a rebuild does, hands over the locators of the
     * facts applied after {@code liveHandledUpTo}, and returns the live projection on that generation,
     * deriving missing locators from the store.
     */
    private FigureProjection rebuildAndSwitch(ProjectionOver projection, long liveHandledUpTo) {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        RebuildReadModelStores next = new RebuildReadModelStores(database, GENERATION, writer);
        ProjectionReplica replica = new ProjectionReplica(projection.over(next), next);
        for (int i = 0; i < store.size(); i++) {
            next.at(i + 1);
            replica.apply(message(store.get(i)));
            if (i == store.size() / 2) {
                // Half the history written in the background while the fold goes on, as a rebuild's pass does.
                next.flushInBackground();
            }
        }
        next.flush();
        writer.shutdown();
        next.handOverLocatorsRecordedAfter(liveHandledUpTo);
        FigureProjection live = projection.over(new LiveReadModelStores(database, GENERATION));
        live.readMissingLocatorsFrom(factId -> {
            derived.add(factId);
            return store.stream().filter(e -> e.aggregateId().equals(factId)).map(AmendmentsAfterARebuildTest::message);
        });
        return live;
    }

    /** The buckets a live projection leaves that saw every event of the store once, in order. */
    private Object neverStopped(ProjectionOver projection, String buckets) {
        MongoDatabase other = newDatabase();
        new EventFeed(projection.over(new LiveReadModelStores(other, 1))).deliverAll(store);
        return documents(other, buckets);
    }

    /** The collection's documents in _id order, whatever its generation's name. */
    private static Object documents(MongoDatabase database, String collection) {
        return snapshot(database, collection).get(0).get("documents");
    }

    private void append(DomainEvent... events) {
        store.addAll(List.of(events));
    }

    private Document bucket(String collection, String id) {
        Document bucket = database.getCollection(collection).find(new Document("_id", id)).first();
        assertThat(bucket).as("bucket %s", id).isNotNull();
        return bucket;
    }

    private Document cases(String bucketId) {
        Document cases = bucket(RatesProjection.BUCKETS + "_g2", bucketId).get("cases", Document.class);
        return cases == null ? new Document() : cases;
    }

    private static DomainEventMessage<?> message(DomainEvent event) {
        return new GenericDomainEventMessage<>(event.payload().getClass().getSimpleName(), event.aggregateId(),
                event.sequence(), event.payload());
    }

    private static DomainEvent census(long sequence, int patients) {
        WardCensus census = new WardCensus("ICU-1", LocalDate.parse("2026-03-01"), patients, 2, 6, 8, 4);
        return new DomainEvent("ward-census:ICU-1:2026-03-01", sequence,
                sequence == 0 ? new WardCensusRecorded(census) : new WardCensusCorrected(census));
    }

    private static DomainEvent caseEvent(String caseId, long sequence, String wardId, String onsetDate) {
        CaseReport report = new CaseReport(caseId, "P-1", wardId, CaseCategory.HAI, InfectionSite.BSI, null, null,
                Instant.parse(onsetDate + "T10:00:00Z"), DeviceAssociation.CENTRAL_LINE, null, null);
        return new DomainEvent("case-report:" + caseId, sequence,
                sequence == 0 ? new CaseReported(report) : new CaseReportAmended(report));
    }

    private static SterilizationLoad load(String loadId) {
        return new SterilizationLoad(loadId, "S1", CycleType.PREVACUUM_STEAM, Instant.parse("2026-03-02T07:00:00Z"),
                BowieDickResult.PASS, IndicatorResult.PASS, BiologicalIndicatorResult.PENDING, 40);
    }
}

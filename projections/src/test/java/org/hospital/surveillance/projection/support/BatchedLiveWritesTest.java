package org.hospital.surveillance.projection.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.surveillance.projection.support.ReadModelStoresTest.hai;
import static org.hospital.surveillance.projection.support.ReadModelStoresTest.load;

import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.hospital.surveillance.events.alert.AlertAcknowledged;
import org.hospital.surveillance.events.alert.AlertIds;
import org.hospital.surveillance.events.alert.ClusterAlertRaised;
import org.hospital.surveillance.events.alert.ClusterCase;
import org.hospital.surveillance.events.alert.ClusterCaseAdded;
import org.hospital.surveillance.events.casereport.CaseReportAmended;
import org.hospital.surveillance.events.casereport.CaseReportRetracted;
import org.hospital.surveillance.events.casereport.CaseReported;
import org.hospital.surveillance.events.census.WardCensus;
import org.hospital.surveillance.events.census.WardCensusCorrected;
import org.hospital.surveillance.events.census.WardCensusRecorded;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorRead;
import org.hospital.surveillance.events.sterilization.IndicatorResult;
import org.hospital.surveillance.events.sterilization.SterilizationLoadRecorded;
import org.hospital.surveillance.projection.alert.AlertBoardProjection;
import org.hospital.surveillance.projection.rates.RatesProjection;
import org.hospital.surveillance.projection.rebuild.LiveReadModelStores;
import org.hospital.surveillance.projection.sterilization.SterilizationComplianceProjection;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.junit.jupiter.api.Test;

/**
 * The live read models written per processor batch (reads from the batch's buffer, writes flushed
 * in bulk before the token commits) keep every guarantee of writing event by event: batches run
 * as a tracking processor runs them (one {@link BatchingUnitOfWork} with the token's transaction
 * attached), through the real driver against the wire server. A batch whose token fails to commit
 * after its flush is handed over again (a crash between a batch's writes and its token); the
 * results are compared with the same history written event by event and with a rebuild's
 * (in memory), and checked against figures counted by hand.
 */
class BatchedLiveWritesTest extends WireMongoTest {

    private static final HospitalCalendar UTC = HospitalCalendar.utc();
    private static final String[] RATES = {RatesProjection.BUCKETS, RatesProjection.FACTS};

    /** C-1 moves to MED-3 in April, C.2 is retracted, a census day is corrected, and C-1's first version comes again. */
    private static final List<EventMessage<?>> RATES_HISTORY = List.of(
            census(0, "2026-03-01", 18), census(0, "2026-03-02", 20),
            event("case-report:C-1", 0, new CaseReported(hai("C-1", "ICU-1", "2026-03-05T10:00:00Z"))),
            event("case-report:C.2", 0, new CaseReported(hai("C.2", "ICU-1", "2026-03-06T10:00:00Z"))),
            event("case-report:C-1", 1, new CaseReportAmended(hai("C-1", "MED-3", "2026-04-02T10:00:00Z"))),
            census(1, "2026-03-02", 22),
            event("case-report:C.2", 1, new CaseReportRetracted("C.2", "wrong patient")),
            event("case-report:C-1", 0, new CaseReported(hai("C-1", "ICU-1", "2026-03-05T10:00:00Z"))));

    @Test
    void amendmentsRetractionsAndARedeliveredVersionInsideOneBatch() {
        Processor live = new Processor(new RatesProjection(new LiveReadModelStores(database, 1), UTC));
        assertThat(live.batch(false, RATES_HISTORY)).isTrue();

        // Counted by hand: ICU-1 March keeps its two census days (the 2nd corrected to 22) and no case,
        // C-1 counts in MED-3 April only, C.2 nowhere.
        Document march = entries(RatesProjection.BUCKETS, Bucket.wardMonth("ICU-1", YearMonth.of(2026, 3)), "census");
        assertThat(march.keySet()).containsExactly("2026-03-01", "2026-03-02");
        assertThat(march.get("2026-03-02", Document.class).getInteger("patientsPresent")).isEqualTo(22);
        assertThat(entries(RatesProjection.BUCKETS, Bucket.wardMonth("ICU-1", YearMonth.of(2026, 3)), "cases"))
                .isEmpty();
        assertThat(entries(RatesProjection.BUCKETS, Bucket.wardMonth("MED-3", YearMonth.of(2026, 4)), "cases")
                .keySet()).containsExactly("C-1");
        assertThat(database.getCollection(RatesProjection.FACTS).find(new Document("_id", "case-report:C.2")).first()
                .getList("placedIn", String.class)).isEmpty();

        assertThat(snapshot(database, RATES)).isEqualTo(eventByEvent(RATES_HISTORY));
        // A rebuild keeps its locators in memory: the buckets are what it shares with the live model.
        assertThat(snapshot(database, RatesProjection.BUCKETS)).isEqualTo(rebuilt(RATES_HISTORY, RatesProjection.BUCKETS));
    }

    @Test
    void aBatchsBucketWritesAreAnnouncedUnderItsSegmentAndAFailedFlushLeavesTheMarkUntilTheSegmentWritesAgain() {
        Processor live = new Processor(new RatesProjection(new LiveReadModelStores(database, 1), UTC));
        long start = changes().getLong(ReadModelChanges.POSITION);
        assertThat(live.batch(false, 1, RATES_HISTORY.subList(0, 2))).isTrue();
        assertThat(changes().getLong(ReadModelChanges.POSITION)).isEqualTo(start + 1);
        assertThat(changes().get(ReadModelChanges.WRITING, Document.class)).isEmpty();

        // A bucket MongoDB refuses to update (its census is not a document): the flush fails midway.
        database.getCollection(RatesProjection.BUCKETS).updateOne(new Document("_id", "ICU-1|2026-03"),
                new Document("$set", new Document("census", "unreadable")));
        assertThat(live.batch(false, 1, List.of(census(0, "2026-03-03", 5)))).isFalse();
        assertThat(changes().getLong(ReadModelChanges.POSITION)).isEqualTo(start + 1);
        assertThat(changes().get(ReadModelChanges.WRITING, Document.class)).containsOnlyKeys("Processor[rates]/SegmentId=1");

        // The segment's next batch (written event by event after the failure) takes its mark away.
        database.getCollection(RatesProjection.BUCKETS).updateOne(new Document("_id", "ICU-1|2026-03"),
                new Document("$set", new Document("census", new Document())));
        assertThat(live.batch(false, 1, List.of(census(0, "2026-03-03", 5)))).isTrue();
        assertThat(changes().get(ReadModelChanges.WRITING, Document.class)).isEmpty();
        assertThat(changes().getLong(ReadModelChanges.POSITION)).isGreaterThan(start + 1);
    }

    private Document changes() {
        return database.getCollection(ReadModelChanges.COLLECTION).find(new Document("_id", RatesProjection.BUCKETS)).first();
    }

    @Test
    void aBatchHandedOverAgainAfterItsWritesButBeforeItsTokenCountsOnce() {
        Processor live = new Processor(new RatesProjection(new LiveReadModelStores(database, 1), UTC));
        for (int from = 0; from < RATES_HISTORY.size(); from += 3) {
            List<EventMessage<?>> batch = RATES_HISTORY.subList(from, Math.min(RATES_HISTORY.size(), from + 3));
            assertThat(live.batch(true, batch)).as("the token's commit fails").isFalse();
            // The batch's writes were flushed before the token's commit was tried: its locators are there.
            for (EventMessage<?> event : batch) {
                String fact = ((org.axonframework.eventhandling.DomainEventMessage<?>) event).getAggregateIdentifier();
                assertThat(database.getCollection(RatesProjection.FACTS).countDocuments(new Document("_id", fact)))
                        .as("locator of %s", fact).isEqualTo(1);
            }
            assertThat(live.batch(false, batch)).isTrue();
        }
        assertThat(snapshot(database, RATES)).isEqualTo(eventByEvent(RATES_HISTORY));
        // A rebuild keeps its locators in memory: the buckets are what it shares with the live model.
        assertThat(snapshot(database, RatesProjection.BUCKETS)).isEqualTo(rebuilt(RATES_HISTORY, RatesProjection.BUCKETS));
    }

    @Test
    void anyBatchingAndArrivalOrderOfTheFactsGivesTheSameReadModel() {
        // The facts interleaved otherwise (each fact's own events stay in order, as one aggregate's do),
        // and a reading that arrives before its load.
        List<EventMessage<?>> reordered = List.of(RATES_HISTORY.get(3), RATES_HISTORY.get(6), RATES_HISTORY.get(1),
                RATES_HISTORY.get(5), RATES_HISTORY.get(2), RATES_HISTORY.get(0), RATES_HISTORY.get(4), RATES_HISTORY.get(7));
        Processor live = new Processor(new RatesProjection(new LiveReadModelStores(database, 1), UTC));
        assertThat(live.batch(false, reordered.subList(0, 5))).isTrue();
        assertThat(live.batch(false, reordered.subList(5, 8))).isTrue();
        assertThat(snapshot(database, RATES)).isEqualTo(eventByEvent(RATES_HISTORY));

        String[] sterilization = {SterilizationComplianceProjection.BUCKETS, SterilizationComplianceProjection.FACTS};
        List<EventMessage<?>> loads = List.of(
                event("sterilization-load:S1-001", 1,
                        new BiologicalIndicatorRead("S1-001", IndicatorResult.FAIL, Instant.parse("2026-03-03T07:00:00Z"))),
                event("sterilization-load:S1-002", 0, new SterilizationLoadRecorded(load("S1-002"))),
                event("sterilization-load:S1-001", 0, new SterilizationLoadRecorded(load("S1-001"))));
        MongoDatabase loadsLive = newDatabase();
        Processor processor = new Processor(new SterilizationComplianceProjection(new LiveReadModelStores(loadsLive, 1), UTC));
        assertThat(processor.batch(false, loads)).isTrue();
        List<Document> result = snapshot(loadsLive, sterilization);
        assertThat(result.toString()).contains("FAILED").contains("PENDING");
        assertThat(snapshot(loadsLive, SterilizationComplianceProjection.BUCKETS))
                .isEqualTo(rebuiltSterilization(loads, SterilizationComplianceProjection.BUCKETS));
    }

    @Test
    void twoSegmentsWritingTheSameBucketKeepEachOthersEntries() throws Exception {
        // Both batches have read the bucket's facts before either flushes: whole-document writes would
        // leave only the entries of the batch written last.
        RatesProjection projection = new RatesProjection(new LiveReadModelStores(database, 1), UTC);
        CyclicBarrier bothRead = new CyclicBarrier(2);
        List<EventMessage<?>> segment0 = List.of(census(0, "2026-03-01", 18),
                event("case-report:C-1", 0, new CaseReported(hai("C-1", "ICU-1", "2026-03-05T10:00:00Z"))));
        List<EventMessage<?>> segment1 = List.of(census(0, "2026-03-02", 20),
                event("case-report:C-3", 0, new CaseReported(hai("C-3", "ICU-1", "2026-03-07T10:00:00Z"))));
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> new Processor(projection).batch(segment0, bothRead));
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> new Processor(projection).batch(segment1, bothRead));
        assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(30, TimeUnit.SECONDS)).isTrue();

        Bucket march = Bucket.wardMonth("ICU-1", YearMonth.of(2026, 3));
        assertThat(entries(RatesProjection.BUCKETS, march, "census").keySet()).containsExactlyInAnyOrder("2026-03-01", "2026-03-02");
        assertThat(entries(RatesProjection.BUCKETS, march, "cases").keySet()).containsExactlyInAnyOrder("C-1", "C-3");
        List<EventMessage<?>> all = new ArrayList<>(segment0);
        all.addAll(segment1);
        assertThat(snapshot(database, RatesProjection.BUCKETS)).isEqualTo(rebuilt(all, RatesProjection.BUCKETS));
    }

    @Test
    void theAlertBoardWrittenPerBatchIsTheBoardWrittenEventByEvent() {
        Instant at = Instant.parse("2026-03-05T10:00:00Z");
        String aggregate = AlertIds.aggregateId("CLU-1");
        List<EventMessage<?>> history = List.of(
                event(aggregate, 0, new ClusterAlertRaised("CLU-1", "ICU-1", "Staphylococcus aureus", "MRSA", List.of(
                        new ClusterCase("lab-result:L-1", "P-1", at), new ClusterCase("lab-result:L-2", "P-2", at)))),
                event(aggregate, 1, new ClusterCaseAdded("CLU-1", new ClusterCase("lab-result:L-3", "P-3", at.plusSeconds(3600)))),
                event(aggregate, 2, new AlertAcknowledged("CLU-1", "seen")));
        Processor board = new Processor(new AlertBoardProjection(new LiveReadModelStores(database, 1), UTC));
        assertThat(board.batch(true, history)).isFalse();
        assertThat(board.batch(false, history)).isTrue();

        MongoDatabase byEvent = newDatabase();
        new Processor(new AlertBoardProjection(new LiveReadModelStores(byEvent, 1), UTC)).eachAlone(history);
        List<Document> result = snapshot(database, AlertBoardProjection.COLLECTION);
        assertThat(result).isEqualTo(snapshot(byEvent, AlertBoardProjection.COLLECTION));
        Document alert = database.getCollection(AlertBoardProjection.COLLECTION).find().first();
        assertThat(alert.getInteger("caseCount")).isEqualTo(3);
        assertThat(alert.getString("status")).isEqualTo("ACKNOWLEDGED");
        // Three changes numbered once: the second delivery changed nothing.
        assertThat(alert.getLong(AlertBoardProjection.FEED_POSITION)).isEqualTo(3L);
    }

    /** The same history written event by event, outside any batch: each write at once, as before batching. */
    private List<Document> eventByEvent(List<EventMessage<?>> history) {
        MongoDatabase byEvent = newDatabase();
        new Processor(new RatesProjection(new LiveReadModelStores(byEvent, 1), UTC)).eachAlone(history);
        return snapshot(byEvent, RATES);
    }

    /** What a rebuild computes from the history (the same handlers over whole documents in memory). */
    private static List<Document> rebuilt(List<EventMessage<?>> history, String... collections) {
        InMemoryReadModelStores memory = new InMemoryReadModelStores();
        new Processor(new RatesProjection(memory, UTC)).eachAlone(history);
        return documents(memory, collections);
    }

    private static List<Document> rebuiltSterilization(List<EventMessage<?>> history, String... collections) {
        InMemoryReadModelStores memory = new InMemoryReadModelStores();
        new Processor(new SterilizationComplianceProjection(memory, UTC)).eachAlone(history);
        return documents(memory, collections);
    }

    private static List<Document> documents(InMemoryReadModelStores memory, String... collections) {
        List<Document> all = new ArrayList<>();
        for (String collection : collections) {
            List<Document> documents = memory.documents(collection).all();
            documents.sort(Comparator.comparing(d -> String.valueOf(d.get("_id"))));
            all.add(new Document("collection", collection).append("documents", documents));
        }
        return all;
    }

    /** Hands batches of events to a projection as a tracking processor does. */
    private static final class Processor {

        private static final TransactionManager TOKEN_COMMIT_FAILS = () -> new Transaction() {
            @Override
            public void commit() {
                throw new IllegalStateException("the token store went away");
            }

            @Override
            public void rollback() {
            }
        };

        private final AnnotationEventHandlerAdapter handlers;

        Processor(Object projection) {
            this.handlers = new AnnotationEventHandlerAdapter(projection);
        }

        /** One batch in one unit of work with the token's transaction attached; whether it committed. */
        boolean batch(boolean tokenCommitFails, List<EventMessage<?>> events) {
            BatchingUnitOfWork<EventMessage<?>> unit = new BatchingUnitOfWork<>(events);
            unit.attachTransaction(tokenCommitFails ? TOKEN_COMMIT_FAILS : NoTransactionManager.INSTANCE);
            return run(unit);
        }

        /** One batch of a processor's segment, as Axon's processors name it among the batch's resources. */
        boolean batch(boolean tokenCommitFails, int segment, List<EventMessage<?>> events) {
            BatchingUnitOfWork<EventMessage<?>> unit = new BatchingUnitOfWork<>(events);
            unit.attachTransaction(tokenCommitFails ? TOKEN_COMMIT_FAILS : NoTransactionManager.INSTANCE);
            unit.resources().put("Processor[rates]/SegmentId", segment);
            return run(unit);
        }

        /** One batch that waits, once its events are handled and before it flushes, until the other has too. */
        boolean batch(List<EventMessage<?>> events, CyclicBarrier bothHandled) {
            BatchingUnitOfWork<EventMessage<?>> unit = new BatchingUnitOfWork<>(events);
            unit.attachTransaction(NoTransactionManager.INSTANCE);
            // Registered before any handler runs, so it comes before the flush in the prepare-commit phase.
            unit.onPrepareCommit(u -> {
                try {
                    bothHandled.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            return run(unit);
        }

        /** Each event on its own, outside any unit of work. */
        void eachAlone(List<EventMessage<?>> events) {
            for (EventMessage<?> event : events) {
                try {
                    handlers.handle(event);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        private boolean run(BatchingUnitOfWork<EventMessage<?>> unit) {
            try {
                ResultMessage<?> result = unit.executeWithResult(() -> handlers.handle(unit.getMessage()));
                return !result.isExceptional();
            } catch (Exception e) {
                return false;
            }
        }
    }

    private static EventMessage<?> event(String aggregateId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(payload.getClass().getSimpleName(), aggregateId, sequence, payload);
    }

    private static EventMessage<?> census(long sequence, String date, int patients) {
        WardCensus census = new WardCensus("ICU-1", LocalDate.parse(date), patients, 2, 6, 8, 4);
        return event("ward-census:ICU-1:" + date, sequence,
                sequence == 0 ? new WardCensusRecorded(census) : new WardCensusCorrected(census));
    }
}

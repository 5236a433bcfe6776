package org.hospital.surveillance.projection.sterilization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.bson.Document;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorRead;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorResult;
import org.hospital.surveillance.events.sterilization.BowieDickResult;
import org.hospital.surveillance.events.sterilization.CycleType;
import org.hospital.surveillance.events.sterilization.IndicatorResult;
import org.hospital.surveillance.events.sterilization.SterilizationLoad;
import org.hospital.surveillance.events.sterilization.SterilizationLoadAmended;
import org.hospital.surveillance.events.sterilization.SterilizationLoadRecorded;
import org.hospital.surveillance.projection.support.Bucket;
import org.hospital.surveillance.projection.support.EventFeed;
import org.hospital.surveillance.projection.support.EventFeed.DomainEvent;
import org.hospital.surveillance.projection.support.WireMongoTest;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SterilizationComplianceProjectionTest extends WireMongoTest {

    private static final String BUCKETS = SterilizationComplianceProjection.BUCKETS;
    private static final Bucket S1_MARCH = Bucket.sterilizerMonth("S1", YearMonth.of(2026, 3));
    private static final Bucket S2_MARCH = Bucket.sterilizerMonth("S2", YearMonth.of(2026, 3));
    private static final Document PASSED = verdict("PASSED");
    private static final Document PENDING = verdict("PENDING");

    private EventFeed feed;

    @BeforeEach
    void projection() {
        feed = new EventFeed(new SterilizationComplianceProjection(database, HospitalCalendar.utc()));
    }

    @Test
    void eachLoadCarriesItsVerdictInTheBucketOfItsSterilizerAndMonthOfCompletion() {
        feed.deliver(recorded(0, load("S1-001", "S1", CycleType.PREVACUUM_STEAM, BowieDickResult.PASS, IndicatorResult.PASS,
                BiologicalIndicatorResult.PASS, "2026-03-02T07:00:00Z")));
        feed.deliver(recorded(0, load("S1-002", "S1", CycleType.PREVACUUM_STEAM, BowieDickResult.PASS, IndicatorResult.PASS,
                BiologicalIndicatorResult.PENDING, "2026-03-02T09:00:00Z")));
        feed.deliver(recorded(0, load("S1-003", "S1", CycleType.PREVACUUM_STEAM, BowieDickResult.NOT_DONE, IndicatorResult.FAIL,
                BiologicalIndicatorResult.PENDING, "2026-03-03T07:00:00Z")));
        // Bowie-Dick is a pre-vacuum test: not done on a gravity cycle is no failure.
        feed.deliver(recorded(0, load("S1-004", "S1", CycleType.GRAVITY_STEAM, BowieDickResult.NOT_DONE, IndicatorResult.PASS,
                BiologicalIndicatorResult.PASS, "2026-03-31T23:59:59Z")));

        assertThat(entries(BUCKETS, S1_MARCH, "loads")).isEqualTo(new Document()
                .append("S1-001", PASSED)
                .append("S1-002", PENDING)
                .append("S1-003", failed("BOWIE_DICK", "CHEMICAL_INDICATOR"))
                .append("S1-004", PASSED));
    }

    @Test
    void theLateBiologicalReadingTurnsAPendingLoadIntoPassedOrFailed() {
        feed.deliver(recorded(0, pendingLoad("S1-001", "S1")));
        feed.deliver(recorded(0, pendingLoad("S1-002", "S1")));

        feed.deliver(reading(1, "S1-001", IndicatorResult.PASS));
        feed.deliver(reading(1, "S1-002", IndicatorResult.FAIL));

        assertThat(entries(BUCKETS, S1_MARCH, "loads")).isEqualTo(new Document()
                .append("S1-001", PASSED)
                .append("S1-002", failed("BIOLOGICAL_INDICATOR")));
    }

    @Test
    void aReadingThatArrivesBeforeItsLoadIsHeldUntilTheLoadComes() {
        feed.deliver(reading(1, "S1-001", IndicatorResult.FAIL));
        assertThat(bucket(BUCKETS, S1_MARCH)).isNull();

        feed.deliver(recorded(0, pendingLoad("S1-001", "S1")));

        assertThat(entries(BUCKETS, S1_MARCH, "loads")).isEqualTo(new Document("S1-001", failed("BIOLOGICAL_INDICATOR")));
    }

    @Test
    void anAmendedLoadMovesToItsSterilizerAndKeepsItsLateReading() {
        feed.deliver(recorded(0, pendingLoad("S1-001", "S1")));
        feed.deliver(reading(1, "S1-001", IndicatorResult.PASS));

        feed.deliver(amended(2, pendingLoad("S1-001", "S2")));

        assertThat(entries(BUCKETS, S1_MARCH, "loads")).isEmpty();
        assertThat(entries(BUCKETS, S2_MARCH, "loads")).isEqualTo(new Document("S1-001", PASSED));
    }

    @Test
    void redeliveryChangesNothingAndTheOriginalLoadDoesNotHideTheReading() {
        List<DomainEvent> history = List.of(
                recorded(0, pendingLoad("S1-001", "S1")),
                reading(1, "S1-001", IndicatorResult.PASS),
                recorded(0, pendingLoad("S1-002", "S1")));
        feed.deliverAll(history);
        List<Document> once = snapshot(database, BUCKETS, SterilizationComplianceProjection.FACTS);

        feed.deliverAll(history);

        assertThat(snapshot(database, BUCKETS, SterilizationComplianceProjection.FACTS)).isEqualTo(once);
        assertThat(entries(BUCKETS, S1_MARCH, "loads")).isEqualTo(new Document("S1-001", PASSED).append("S1-002", PENDING));
    }

    @Test
    void aResetClearsTheReadModel() {
        feed.deliver(recorded(0, pendingLoad("S1-001", "S1")));

        feed.reset();

        // Nothing but the mark that the month key lists (none yet) are complete.
        assertThat(database.getCollection(BUCKETS).find()).containsExactly(Bucket.keysComplete());
        assertThat(database.getCollection(SterilizationComplianceProjection.FACTS).countDocuments()).isZero();
    }

    private static SterilizationLoad load(String id, String sterilizer, CycleType cycle, BowieDickResult bowieDick,
                                          IndicatorResult chemical, BiologicalIndicatorResult biological, String completedAt) {
        return new SterilizationLoad(id, sterilizer, cycle, Instant.parse(completedAt), bowieDick, chemical, biological, 40);
    }

    private static SterilizationLoad pendingLoad(String id, String sterilizer) {
        return load(id, sterilizer, CycleType.PREVACUUM_STEAM, BowieDickResult.PASS, IndicatorResult.PASS,
                BiologicalIndicatorResult.PENDING, "2026-03-10T07:00:00Z");
    }

    private static DomainEvent recorded(long sequence, SterilizationLoad load) {
        return new DomainEvent("sterilization-load:" + load.loadId(), sequence, new SterilizationLoadRecorded(load));
    }

    private static DomainEvent amended(long sequence, SterilizationLoad load) {
        return new DomainEvent("sterilization-load:" + load.loadId(), sequence, new SterilizationLoadAmended(load));
    }

    private static DomainEvent reading(long sequence, String loadId, IndicatorResult result) {
        return new DomainEvent("sterilization-load:" + loadId, sequence,
                new BiologicalIndicatorRead(loadId, result, Instant.parse("2026-03-12T07:00:00Z")));
    }

    private static Document verdict(String status, String... failedIndicators) {
        return new Document("status", status).append("failedIndicators", List.of(failedIndicators));
    }

    private static Document failed(String... indicators) {
        return verdict("FAILED", indicators);
    }
}

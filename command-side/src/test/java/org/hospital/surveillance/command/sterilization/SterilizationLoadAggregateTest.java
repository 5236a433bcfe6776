package org.hospital.surveillance.command.sterilization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hospital.surveillance.command.WriteOutcome;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorRead;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorResult;
import org.hospital.surveillance.events.sterilization.BowieDickResult;
import org.hospital.surveillance.events.sterilization.CycleType;
import org.hospital.surveillance.events.sterilization.IndicatorResult;
import org.hospital.surveillance.events.sterilization.SterilizationLoad;
import org.hospital.surveillance.events.sterilization.SterilizationLoadAmended;
import org.hospital.surveillance.events.sterilization.SterilizationLoadRecorded;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SterilizerCycleTest {
    private static final Instant COMPLETED = Instant.parse("2026-03-02T07:00:00Z");
    private static final Instant NEXT_DAY = Instant.parse("2026-03-03T07:00:00Z");
    private static final SterilizationLoad PENDING_LOAD = load(BiologicalIndicatorResult.PENDING, 40);

    private FixtureConfiguration<SterilizationLoadAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SterilizationLoadAggregate.class);
    }

    @Test
    void aNewLoadIsRecorded() {
        fixture.givenNoPriorActivity()
                .when(new RecordSterilizationLoad(PENDING_LOAD))
                .expectEvents(new SterilizationLoadRecorded(PENDING_LOAD))
                .expectResultMessagePayload(WriteOutcome.RECORDED);
    }

    @Test
    void theSameLoadAgainAppendsNothing() {
        fixture.given(new SterilizationLoadRecorded(PENDING_LOAD))
                .when(new RecordSterilizationLoad(load(BiologicalIndicatorResult.PENDING, 40)))
                .expectNoEvents()
                .expectResultMessagePayload(WriteOutcome.DUPLICATE);
    }

    @Test
    void aRecountedPackNumberIsAnAmendment() {
        SterilizationLoad recounted = load(BiologicalIndicatorResult.PENDING, 38);
        fixture.given(new SterilizationLoadRecorded(PENDING_LOAD))
                .when(new RecordSterilizationLoad(recounted))
                .expectEvents(new SterilizationLoadAmended(recounted))
                .expectResultMessagePayload(WriteOutcome.AMENDED);
    }

    @Test
    void theLateBiologicalReadingIsRecordedForTheLoad() {
        fixture.given(new SterilizationLoadRecorded(PENDING_LOAD))
                .when(new RecordBiologicalReading("S1-001", IndicatorResult.FAIL, NEXT_DAY))
                .expectEvents(new BiologicalIndicatorRead("S1-001", IndicatorResult.FAIL, NEXT_DAY))
                .expectResultMessagePayload(WriteOutcome.RECORDED);
    }

    @Test
    void theSameReadingTwiceAppendsNothing() {
        fixture.given(new SterilizationLoadRecorded(PENDING_LOAD),
                        new BiologicalIndicatorRead("S1-001", IndicatorResult.PASS, NEXT_DAY))
                .when(new RecordBiologicalReading("S1-001", IndicatorResult.PASS, NEXT_DAY))
                .expectNoEvents()
                .expectResultMessagePayload(WriteOutcome.DUPLICATE);
    }

    @Test
    void aCorrectedReadingReplacesTheEarlierOne() {
        fixture.given(new SterilizationLoadRecorded(PENDING_LOAD),
                        new BiologicalIndicatorRead("S1-001", IndicatorResult.PASS, NEXT_DAY))
                .when(new RecordBiologicalReading("S1-001", IndicatorResult.FAIL, NEXT_DAY))
                .expectEvents(new BiologicalIndicatorRead("S1-001", IndicatorResult.FAIL, NEXT_DAY))
                .expectResultMessagePayload(WriteOutcome.AMENDED);
    }

    @Test
    void aReadingForALoadNobodyRecordedIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RecordBiologicalReading("S9-999", IndicatorResult.PASS, NEXT_DAY))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void aReadingBeforeTheCycleEndedIsRefused() {
        fixture.given(new SterilizationLoadRecorded(PENDING_LOAD))
                .when(new RecordBiologicalReading("S1-001", IndicatorResult.PASS, COMPLETED.minusSeconds(1)))
                .expectNoEvents()
                .expectException(ReadingBeforeCycleCompleted.class);
    }

    @Test
    void aReadingAtTheMomentTheCycleEndedIsAccepted() {
        fixture.given(new SterilizationLoadRecorded(PENDING_LOAD))
                .when(new RecordBiologicalReading("S1-001", IndicatorResult.PASS, COMPLETED))
                .expectEvents(new BiologicalIndicatorRead("S1-001", IndicatorResult.PASS, COMPLETED))
                .expectResultMessagePayload(WriteOutcome.RECORDED);
    }

    @Test
    void reSubmittingThePendingLoadAfterItsReadingKeepsTheReading() {
        fixture.given(new SterilizationLoadRecorded(PENDING_LOAD),
                        new BiologicalIndicatorRead("S1-001", IndicatorResult.FAIL, NEXT_DAY))
                .when(new RecordSterilizationLoad(load(BiologicalIndicatorResult.PENDING, 40)))
                .expectNoEvents()
                .expectResultMessagePayload(WriteOutcome.DUPLICATE);
    }

    @Test
    void anAmendedLoadKeepsItsReading() {
        fixture.given(new SterilizationLoadRecorded(PENDING_LOAD),
                        new BiologicalIndicatorRead("S1-001", IndicatorResult.FAIL, NEXT_DAY),
                        new SterilizationLoadAmended(load(BiologicalIndicatorResult.PENDING, 38)))
                .when(new RecordBiologicalReading("S1-001", IndicatorResult.FAIL, NEXT_DAY))
                .expectNoEvents()
                .expectResultMessagePayload(WriteOutcome.DUPLICATE);
    }

    @Test
    void theStreamIsKeyedOnTheLoadId() {
        assertThat(new RecordSterilizationLoad(PENDING_LOAD).aggregateId()).isEqualTo("sterilization-load:S1-001");
        assertThat(new RecordBiologicalReading("S1-001", IndicatorResult.PASS, NEXT_DAY).aggregateId())
                .isEqualTo("sterilization-load:S1-001");
    }

    private static SterilizationLoad load(BiologicalIndicatorResult biological, int packs) {
        return new SterilizationLoad("S1-001", "S1", CycleType.PREVACUUM_STEAM, COMPLETED, BowieDickResult.PASS,
                IndicatorResult.PASS, biological, packs);
    }
}

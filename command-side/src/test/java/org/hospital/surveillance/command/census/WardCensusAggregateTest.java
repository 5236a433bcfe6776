package org.hospital.surveillance.command.census;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hospital.surveillance.command.WriteOutcome;
import org.hospital.surveillance.events.census.WardCensus;
import org.hospital.surveillance.events.census.WardCensusCorrected;
import org.hospital.surveillance.events.census.WardCensusRecorded;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WardCensusDayTest {
    private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
    private static final WardCensus ICU_MARCH_1 = new WardCensus("ICU-1", MARCH_1, 18, 2, 6, 8, 4);

    private FixtureConfiguration<WardCensusAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(WardCensusAggregate.class);
    }

    @Test
    void aFirstCensusOfTheDayIsRecorded() {
        fixture.givenNoPriorActivity()
                .when(new RecordWardCensus(ICU_MARCH_1))
                .expectEvents(new WardCensusRecorded(ICU_MARCH_1))
                .expectResultMessagePayload(WriteOutcome.RECORDED);
    }

    @Test
    void theSameCensusAgainAppendsNothing() {
        fixture.given(new WardCensusRecorded(ICU_MARCH_1))
                .when(new RecordWardCensus(ICU_MARCH_1))
                .expectNoEvents()
                .expectResultMessagePayload(WriteOutcome.DUPLICATE);
    }

    @Test
    void aChangedCountCorrectsTheDay() {
        WardCensus corrected = new WardCensus("ICU-1", MARCH_1, 19, 2, 6, 8, 4);
        fixture.given(new WardCensusRecorded(ICU_MARCH_1))
                .when(new RecordWardCensus(corrected))
                .expectEvents(new WardCensusCorrected(corrected))
                .expectResultMessagePayload(WriteOutcome.AMENDED);
    }

    @Test
    void theFirstVersionAfterACorrectionIsAnotherCorrection() {
        WardCensus corrected = new WardCensus("ICU-1", MARCH_1, 19, 2, 6, 8, 4);
        fixture.given(new WardCensusRecorded(ICU_MARCH_1), new WardCensusCorrected(corrected))
                .when(new RecordWardCensus(ICU_MARCH_1))
                .expectEvents(new WardCensusCorrected(ICU_MARCH_1))
                .expectResultMessagePayload(WriteOutcome.AMENDED);
    }

    @Test
    void theCorrectedVersionAgainIsADuplicate() {
        WardCensus corrected = new WardCensus("ICU-1", MARCH_1, 18, 2, 7, 8, 4);
        fixture.given(new WardCensusRecorded(ICU_MARCH_1), new WardCensusCorrected(corrected))
                .when(new RecordWardCensus(corrected))
                .expectNoEvents()
                .expectResultMessagePayload(WriteOutcome.DUPLICATE);
    }

    @Test
    void eachWardAndDayIsItsOwnStream() {
        assertThat(new RecordWardCensus(ICU_MARCH_1).aggregateId())
                .isEqualTo("ward-census:ICU-1:2026-03-01");
    }
}

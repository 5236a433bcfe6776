package org.hospital.surveillance.command.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hospital.surveillance.command.WriteOutcome;
import org.hospital.surveillance.events.environment.EnvironmentClass;
import org.hospital.surveillance.events.environment.EnvironmentSample;
import org.hospital.surveillance.events.environment.EnvironmentSampleAmended;
import org.hospital.surveillance.events.environment.EnvironmentSampleRecorded;
import org.hospital.surveillance.events.environment.SampleType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HygieneSampleTest {
    private static final EnvironmentSample AIR_PLATE = airPlate(2.0);

    private FixtureConfiguration<EnvironmentSampleAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(EnvironmentSampleAggregate.class);
    }

    @Test
    void aNewSampleIsRecorded() {
        fixture.givenNoPriorActivity()
                .when(new RecordEnvironmentSample(AIR_PLATE))
                .expectEvents(new EnvironmentSampleRecorded(AIR_PLATE))
                .expectResultMessagePayload(WriteOutcome.RECORDED);
    }

    @Test
    void theSameCountAgainAppendsNothing() {
        fixture.given(new EnvironmentSampleRecorded(AIR_PLATE))
                .when(new RecordEnvironmentSample(airPlate(2.0)))
                .expectNoEvents()
                .expectResultMessagePayload(WriteOutcome.DUPLICATE);
    }

    @Test
    void aRecountedPlateIsAnAmendment() {
        EnvironmentSample recounted = airPlate(5.0);
        fixture.given(new EnvironmentSampleRecorded(AIR_PLATE))
                .when(new RecordEnvironmentSample(recounted))
                .expectEvents(new EnvironmentSampleAmended(recounted))
                .expectResultMessagePayload(WriteOutcome.AMENDED);
    }

    @Test
    void theStreamIsKeyedOnTheSampleId() {
        assertThat(new RecordEnvironmentSample(AIR_PLATE).aggregateId()).isEqualTo("environment-sample:E-001");
    }

    private static EnvironmentSample airPlate(double cfu) {
        return new EnvironmentSample("E-001", "ICU-1", SampleType.AIR, EnvironmentClass.II, null, null, cfu,
                Instant.parse("2026-03-03T09:00:00Z"));
    }
}

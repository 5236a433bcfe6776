package org.hospital.surveillance.command.labresult;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hospital.surveillance.command.WriteOutcome;
import org.hospital.surveillance.events.labresult.CultureResult;
import org.hospital.surveillance.events.labresult.Interpretation;
import org.hospital.surveillance.events.labresult.LabResult;
import org.hospital.surveillance.events.labresult.LabResultAmended;
import org.hospital.surveillance.events.labresult.LabResultRecorded;
import org.hospital.surveillance.events.labresult.SpecimenType;
import org.hospital.surveillance.events.labresult.Susceptibility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpecimenTest {
    private static final LabResult MRSA = result("Staphylococcus aureus", "MRSA",
            List.of(new Susceptibility("Oxacillin", Interpretation.R)));

    private FixtureConfiguration<LabResultAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(LabResultAggregate.class);
    }

    @Test
    void aNewAccessionNumberIsRecorded() {
        fixture.givenNoPriorActivity()
                .when(new RecordLabResult(MRSA))
                .expectEvents(new LabResultRecorded(MRSA))
                .expectResultMessagePayload(WriteOutcome.RECORDED);
    }

    @Test
    void theSameResultAgainAppendsNothing() {
        fixture.given(new LabResultRecorded(MRSA))
                .when(new RecordLabResult(result("Staphylococcus aureus", "MRSA",
                        List.of(new Susceptibility("Oxacillin", Interpretation.R)))))
                .expectNoEvents()
                .expectResultMessagePayload(WriteOutcome.DUPLICATE);
    }

    @Test
    void aReissuedResultWithAnotherPhenotypeIsAnAmendmentRestatingTheWholeResult() {
        LabResult mssa = result("Staphylococcus aureus", null, List.of(new Susceptibility("Oxacillin", Interpretation.S)));
        fixture.given(new LabResultRecorded(MRSA))
                .when(new RecordLabResult(mssa))
                .expectEvents(new LabResultAmended(mssa))
                .expectResultMessagePayload(WriteOutcome.AMENDED);
    }

    @Test
    void aChangedAntibiogramAloneIsAnAmendment() {
        LabResult moreLines = result("Staphylococcus aureus", "MRSA", List.of(
                new Susceptibility("Oxacillin", Interpretation.R), new Susceptibility("Vancomycin", Interpretation.S)));
        fixture.given(new LabResultRecorded(MRSA))
                .when(new RecordLabResult(moreLines))
                .expectEvents(new LabResultAmended(moreLines))
                .expectResultMessagePayload(WriteOutcome.AMENDED);
    }

    @Test
    void aResubmissionIsComparedWithTheLatestVersion() {
        LabResult mssa = result("Staphylococcus aureus", null, List.of());
        fixture.given(new LabResultRecorded(MRSA), new LabResultAmended(mssa))
                .when(new RecordLabResult(mssa))
                .expectNoEvents()
                .expectResultMessagePayload(WriteOutcome.DUPLICATE);
    }

    @Test
    void theStreamIsKeyedOnTheAccessionNumber() {
        assertThat(new RecordLabResult(MRSA).aggregateId()).isEqualTo("lab-result:L-001");
    }

    private static LabResult result(String organism, String phenotype, List<Susceptibility> susceptibility) {
        return new LabResult("L-001", "P-101", "ICU-1", Instant.parse("2026-03-01T08:00:00Z"), SpecimenType.BLOOD,
                Instant.parse("2026-03-05T10:00:00Z"), CultureResult.POSITIVE, organism, phenotype, susceptibility);
    }
}

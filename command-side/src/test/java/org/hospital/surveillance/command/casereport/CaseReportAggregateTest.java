package org.hospital.surveillance.command.casereport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hospital.surveillance.command.WriteOutcome;
import org.hospital.surveillance.events.casereport.CaseCategory;
import org.hospital.surveillance.events.casereport.CaseReport;
import org.hospital.surveillance.events.casereport.CaseReportAmended;
import org.hospital.surveillance.events.casereport.CaseReportRetracted;
import org.hospital.surveillance.events.casereport.CaseReported;
import org.hospital.surveillance.events.casereport.DeviceAssociation;
import org.hospital.surveillance.events.casereport.InfectionSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InfectionCaseTest {
    private static final CaseReport VAP = hai(DeviceAssociation.VENTILATOR);

    private FixtureConfiguration<CaseReportAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CaseReportAggregate.class);
    }

    @Test
    void aNewCaseIsReported() {
        fixture.givenNoPriorActivity()
                .when(new ReportCase(VAP))
                .expectEvents(new CaseReported(VAP))
                .expectResultMessagePayload(WriteOutcome.RECORDED);
    }

    @Test
    void theSameReportAgainAppendsNothing() {
        fixture.given(new CaseReported(VAP))
                .when(new ReportCase(hai(DeviceAssociation.VENTILATOR)))
                .expectNoEvents()
                .expectResultMessagePayload(WriteOutcome.DUPLICATE);
    }

    @Test
    void aReportWithoutTheDeviceIsAnAmendment() {
        CaseReport withoutDevice = hai(null);
        fixture.given(new CaseReported(VAP))
                .when(new ReportCase(withoutDevice))
                .expectEvents(new CaseReportAmended(withoutDevice))
                .expectResultMessagePayload(WriteOutcome.AMENDED);
    }

    @Test
    void aReportedCaseCanBeRetracted() {
        fixture.given(new CaseReported(VAP))
                .when(new RetractCaseReport("C-001", "colonisation, not infection"))
                .expectEvents(new CaseReportRetracted("C-001", "colonisation, not infection"))
                .expectResultMessagePayload(WriteOutcome.RECORDED);
    }

    @Test
    void anAmendedCaseCanBeRetracted() {
        fixture.given(new CaseReported(VAP), new CaseReportAmended(hai(null)))
                .when(new RetractCaseReport("C-001", "duplicate of C-002"))
                .expectEvents(new CaseReportRetracted("C-001", "duplicate of C-002"))
                .expectResultMessagePayload(WriteOutcome.RECORDED);
    }

    @Test
    void retractingTwiceAppendsNothingTheSecondTimeWhateverTheReason() {
        fixture.given(new CaseReported(VAP), new CaseReportRetracted("C-001", "colonisation, not infection"))
                .when(new RetractCaseReport("C-001", "another reason"))
                .expectNoEvents()
                .expectResultMessagePayload(WriteOutcome.DUPLICATE);
    }

    @Test
    void retractingACaseNobodyReportedIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RetractCaseReport("C-404", "never existed"))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void reSubmittingARetractedCaseIsRefusedEvenUnchanged() {
        fixture.given(new CaseReported(VAP), new CaseReportRetracted("C-001", "colonisation, not infection"))
                .when(new ReportCase(VAP))
                .expectNoEvents()
                .expectException(CaseAlreadyRetracted.class);
    }

    @Test
    void theStreamIsKeyedOnTheCaseId() {
        assertThat(new ReportCase(VAP).aggregateId()).isEqualTo("case-report:C-001");
        assertThat(new RetractCaseReport("C-001", "x").aggregateId()).isEqualTo("case-report:C-001");
    }

    private static CaseReport hai(DeviceAssociation device) {
        return new CaseReport("C-001", "P-108", "ICU-1", CaseCategory.HAI, InfectionSite.PNEU, "Acinetobacter baumannii",
                "CRAB", Instant.parse("2026-03-20T06:00:00Z"), device, null, null);
    }
}

package org.hospital.surveillance.command.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hospital.surveillance.events.alert.AlertAcknowledged;
import org.hospital.surveillance.events.alert.AlertClosed;
import org.hospital.surveillance.events.alert.AlertStatus;
import org.hospital.surveillance.events.alert.ClusterAlertRaised;
import org.hospital.surveillance.events.alert.ClusterCase;
import org.hospital.surveillance.events.alert.ClusterCaseAdded;
import org.hospital.surveillance.events.alert.ClusterCaseWithdrawn;
import org.hospital.surveillance.events.alert.CloseOutcome;
import org.hospital.surveillance.events.alert.EnvironmentAlertRaised;
import org.hospital.surveillance.events.alert.SterilizationFailureAlertRaised;
import org.hospital.surveillance.events.environment.SampleType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AlertTest {

    private static final String CLUSTER_ID = "CLU-0123456789ab";
    private static final ClusterCase C1 = new ClusterCase("lab-result:L-1", "P-1", Instant.parse("2026-03-01T10:00:00Z"));
    private static final ClusterCase C2 = new ClusterCase("lab-result:L-2", "P-2", Instant.parse("2026-03-03T10:00:00Z"));
    private static final ClusterCase C3 = new ClusterCase("case-report:C-3", "P-3", Instant.parse("2026-03-05T06:00:00Z"));
    private static final ClusterCase C4 = new ClusterCase("lab-result:L-4", "P-4", Instant.parse("2026-03-07T10:00:00Z"));
    private static final ClusterAlertRaised RAISED =
            new ClusterAlertRaised(CLUSTER_ID, "ICU-1", "Staphylococcus aureus", "MRSA", List.of(C1, C2, C3));

    private static final MetaData NURSE = MetaData.from(Map.of(
            "principal", "nurse1", "channel", "HTTP", "receivedAt", "2026-03-08T09:00:00Z", "unrelated", "x"));

    private FixtureConfiguration<Alert> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Alert.class);
    }

    @Nested
    class Raising {

        @Test
        void aNewClusterAlertIsRaisedWithItsCasesInDateOrder() {
            fixture.givenNoPriorActivity()
                    .when(new RaiseClusterAlert(CLUSTER_ID, "ICU-1", "Staphylococcus aureus", "MRSA", List.of(C3, C1, C2)))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(RAISED)
                    .expectResultMessagePayload(AlertStatus.OPEN);
        }

        @Test
        void raisingAnExistingClusterAlertAgainAppendsNothing() {
            fixture.given(RAISED)
                    .when(new RaiseClusterAlert(CLUSTER_ID, "ICU-1", "Staphylococcus aureus", "MRSA", List.of(C1, C2, C3, C4)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(AlertStatus.OPEN);
        }

        @Test
        void raisingAClosedAlertAgainAppendsNothingAndKeepsItClosed() {
            fixture.given(RAISED, new AlertClosed(CLUSTER_ID, CloseOutcome.FALSE_ALARM, null))
                    .when(new RaiseClusterAlert(CLUSTER_ID, "ICU-1", "Staphylococcus aureus", "MRSA", List.of(C1, C2, C3)))
                    .expectNoEvents()
                    .expectResultMessagePayload(AlertStatus.CLOSED);
        }

        @Test
        void environmentAlertIsRaisedOnceOnly() {
            RaiseEnvironmentAlert raise = new RaiseEnvironmentAlert("ENV-E-1", "ICU-1", "E-1", SampleType.AIR, 6.0, 4.0,
                    Instant.parse("2026-03-03T09:00:00Z"));
            EnvironmentAlertRaised raised = new EnvironmentAlertRaised("ENV-E-1", "ICU-1", "E-1", SampleType.AIR, 6.0, 4.0,
                    Instant.parse("2026-03-03T09:00:00Z"));
            fixture.givenNoPriorActivity().when(raise).expectEvents(raised).expectResultMessagePayload(AlertStatus.OPEN);
            fixture.given(raised).when(raise).expectNoEvents().expectResultMessagePayload(AlertStatus.OPEN);
        }

        @Test
        void sterilizationFailureAlertIsRaisedOnceOnly() {
            RaiseSterilizationFailureAlert raise = new RaiseSterilizationFailureAlert("STER-S1-001", "S1-001", "S1",
                    List.of("BIOLOGICAL_INDICATOR"), Instant.parse("2026-03-02T07:00:00Z"));
            SterilizationFailureAlertRaised raised = new SterilizationFailureAlertRaised("STER-S1-001", "S1-001", "S1",
                    List.of("BIOLOGICAL_INDICATOR"), Instant.parse("2026-03-02T07:00:00Z"));
            fixture.givenNoPriorActivity().when(raise).expectEvents(raised);
            fixture.given(raised).when(raise).expectNoEvents().expectResultMessagePayload(AlertStatus.OPEN);
        }

        @Test
        void theRaisedEventCarriesTheSystemChannelFromTheCommandAndNothingElse() {
            MetaData system = MetaData.from(Map.of("principal", "system", "channel", "SYSTEM",
                    "receivedAt", "2026-03-05T10:00:01Z", "traceId", "t-1"));
            List<EventMessage<?>> events = new ArrayList<>();
            fixture.givenNoPriorActivity()
                    .when(new RaiseClusterAlert(CLUSTER_ID, "ICU-1", "Staphylococcus aureus", "MRSA", List.of(C1, C2, C3)), system)
                    .expectEvents(RAISED)
                    .expectEventsMatching(capturedInto(events));
            assertThat(events).hasSize(1);
            assertThat(events.get(0).getMetaData())
                    .containsEntry("principal", "system")
                    .containsEntry("channel", "SYSTEM")
                    .containsEntry("receivedAt", "2026-03-05T10:00:01Z")
                    .doesNotContainKey("traceId");
        }
    }

    @Nested
    class ClusterMembership {

        @Test
        void aFourthCaseJoinsAndNothingElseIsAppended() {
            fixture.given(RAISED)
                    .when(new UpdateClusterCases(CLUSTER_ID, List.of(C4, C2, C1, C3)))
                    .expectEvents(new ClusterCaseAdded(CLUSTER_ID, C4))
                    .expectResultMessagePayload(AlertStatus.OPEN);
        }

        @Test
        void sendingTheSameMembershipAgainAppendsNothing() {
            fixture.given(RAISED, new ClusterCaseAdded(CLUSTER_ID, C4))
                    .when(new UpdateClusterCases(CLUSTER_ID, List.of(C1, C2, C3, C4)))
                    .expectNoEvents();
        }

        @Test
        void aCaseMissingFromTheMembershipIsWithdrawn() {
            fixture.given(RAISED, new ClusterCaseAdded(CLUSTER_ID, C4))
                    .when(new UpdateClusterCases(CLUSTER_ID, List.of(C1, C3, C4)))
                    .expectEvents(new ClusterCaseWithdrawn(CLUSTER_ID, C2.source()));
        }

        @Test
        void withdrawalsComeBeforeAdditionsEachInAFixedOrder() {
            ClusterCase c5 = new ClusterCase("lab-result:L-5", "P-5", Instant.parse("2026-03-08T10:00:00Z"));
            fixture.given(RAISED)
                    .when(new UpdateClusterCases(CLUSTER_ID, List.of(c5, C1, C4)))
                    .expectEvents(
                            new ClusterCaseWithdrawn(CLUSTER_ID, C3.source()),
                            new ClusterCaseWithdrawn(CLUSTER_ID, C2.source()),
                            new ClusterCaseAdded(CLUSTER_ID, C4),
                            new ClusterCaseAdded(CLUSTER_ID, c5));
        }

        @Test
        void anAmendedCaseDateLeavesAndRejoinsSoTheNewVersionIsRecorded() {
            ClusterCase amended = new ClusterCase(C2.source(), "P-2", Instant.parse("2026-03-04T08:00:00Z"));
            fixture.given(RAISED)
                    .when(new UpdateClusterCases(CLUSTER_ID, List.of(C1, amended, C3)))
                    .expectEvents(new ClusterCaseWithdrawn(CLUSTER_ID, C2.source()), new ClusterCaseAdded(CLUSTER_ID, amended));
        }

        @Test
        void aCaseThatLeftCanJoinAgain() {
            fixture.given(RAISED, new ClusterCaseWithdrawn(CLUSTER_ID, C2.source()))
                    .when(new UpdateClusterCases(CLUSTER_ID, List.of(C1, C2, C3)))
                    .expectEvents(new ClusterCaseAdded(CLUSTER_ID, C2));
        }

        @Test
        void anAcknowledgedClusterStillGrows() {
            fixture.given(RAISED, new AlertAcknowledged(CLUSTER_ID, "looking"))
                    .when(new UpdateClusterCases(CLUSTER_ID, List.of(C1, C2, C3, C4)))
                    .expectEvents(new ClusterCaseAdded(CLUSTER_ID, C4))
                    .expectResultMessagePayload(AlertStatus.ACKNOWLEDGED);
        }

        @Test
        void aClosedClusterIsFrozen() {
            fixture.given(RAISED, new AlertClosed(CLUSTER_ID, CloseOutcome.CONFIRMED_OUTBREAK, null))
                    .when(new UpdateClusterCases(CLUSTER_ID, List.of(C1, C4)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(AlertStatus.CLOSED);
        }

        @Test
        void updatingAnAlertThatWasNeverRaisedFails() {
            fixture.givenNoPriorActivity()
                    .when(new UpdateClusterCases(CLUSTER_ID, List.of(C1)))
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void updatingAnEnvironmentAlertIsRefused() {
            fixture.given(new EnvironmentAlertRaised("ENV-E-1", "ICU-1", "E-1", SampleType.AIR, 6.0, 4.0,
                            Instant.parse("2026-03-03T09:00:00Z")))
                    .when(new UpdateClusterCases("ENV-E-1", List.of(C1)))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Acknowledging {

        @Test
        void anOpenAlertIsAcknowledgedWithWhoDidIt() {
            List<EventMessage<?>> events = new ArrayList<>();
            fixture.given(RAISED)
                    .when(new AcknowledgeAlert(CLUSTER_ID, "isolation started"), NURSE)
                    .expectEvents(new AlertAcknowledged(CLUSTER_ID, "isolation started"))
                    .expectResultMessagePayload(AlertStatus.ACKNOWLEDGED)
                    .expectEventsMatching(capturedInto(events));
            assertThat(events.get(0).getMetaData())
                    .containsEntry("principal", "nurse1")
                    .containsEntry("channel", "HTTP")
                    .containsEntry("receivedAt", "2026-03-08T09:00:00Z")
                    .doesNotContainKey("unrelated");
        }

        @Test
        void acknowledgingAgainIsANoOp() {
            fixture.given(RAISED, new AlertAcknowledged(CLUSTER_ID, "first"))
                    .when(new AcknowledgeAlert(CLUSTER_ID, "second"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(AlertStatus.ACKNOWLEDGED);
        }

        @Test
        void acknowledgingAClosedAlertIsAConflict() {
            fixture.given(RAISED, new AlertClosed(CLUSTER_ID, CloseOutcome.FALSE_ALARM, null))
                    .when(new AcknowledgeAlert(CLUSTER_ID, null))
                    .expectException(AlertConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void acknowledgingAnUnknownAlertFails() {
            fixture.givenNoPriorActivity()
                    .when(new AcknowledgeAlert("ENV-nothing", null))
                    .expectException(AggregateNotFoundException.class);
        }
    }

    @Nested
    class Closing {

        @Test
        void anOpenAlertCanBeClosedDirectly() {
            List<EventMessage<?>> events = new ArrayList<>();
            fixture.given(RAISED)
                    .when(new CloseAlert(CLUSTER_ID, CloseOutcome.FALSE_ALARM, "contamination"), NURSE)
                    .expectEvents(new AlertClosed(CLUSTER_ID, CloseOutcome.FALSE_ALARM, "contamination"))
                    .expectResultMessagePayload(AlertStatus.CLOSED)
                    .expectEventsMatching(capturedInto(events));
            assertThat(events.get(0).getMetaData()).containsEntry("principal", "nurse1").containsEntry("channel", "HTTP");
        }

        @Test
        void anAcknowledgedAlertCanBeClosed() {
            fixture.given(RAISED, new AlertAcknowledged(CLUSTER_ID, null))
                    .when(new CloseAlert(CLUSTER_ID, CloseOutcome.CONFIRMED_OUTBREAK, "same strain"))
                    .expectEvents(new AlertClosed(CLUSTER_ID, CloseOutcome.CONFIRMED_OUTBREAK, "same strain"))
                    .expectResultMessagePayload(AlertStatus.CLOSED);
        }

        @Test
        void closingAgainWithTheSameOutcomeIsANoOpEvenWithAnotherNote() {
            fixture.given(RAISED, new AlertClosed(CLUSTER_ID, CloseOutcome.CONFIRMED_OUTBREAK, "same strain"))
                    .when(new CloseAlert(CLUSTER_ID, CloseOutcome.CONFIRMED_OUTBREAK, "again"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(AlertStatus.CLOSED);
        }

        @Test
        void closingAgainWithAnotherOutcomeIsAConflict() {
            fixture.given(RAISED, new AlertClosed(CLUSTER_ID, CloseOutcome.CONFIRMED_OUTBREAK, null))
                    .when(new CloseAlert(CLUSTER_ID, CloseOutcome.FALSE_ALARM, null))
                    .expectException(AlertConflictException.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("CONFIRMED_OUTBREAK"))
                    .expectNoEvents();
        }

        @Test
        void closingAnUnknownAlertFails() {
            fixture.givenNoPriorActivity()
                    .when(new CloseAlert("STER-none", CloseOutcome.FALSE_ALARM, null))
                    .expectException(AggregateNotFoundException.class);
        }
    }

    /** A matcher that accepts the appended events and keeps them, so a test can look at their metadata. */
    private static Matcher<List<EventMessage<?>>> capturedInto(List<EventMessage<?>> sink) {
        return new BaseMatcher<>() {
            @Override
            @SuppressWarnings("unchecked")
            public boolean matches(Object actual) {
                sink.addAll((List<EventMessage<?>>) actual);
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("any events");
            }
        };
    }
}

package org.hospital.surveillance.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.hospital.surveillance.app.support.TwoInstances;
import org.hospital.surveillance.command.alert.AcknowledgeAlert;
import org.hospital.surveillance.command.alert.AlertConflictException;
import org.hospital.surveillance.command.alert.CloseAlert;
import org.hospital.surveillance.command.alert.RaiseClusterAlert;
import org.hospital.surveillance.command.alert.UpdateClusterCases;
import org.hospital.surveillance.events.EventMetadata;
import org.hospital.surveillance.events.alert.AlertIds;
import org.hospital.surveillance.events.alert.AlertStatus;
import org.hospital.surveillance.events.alert.ClusterCase;
import org.hospital.surveillance.events.alert.ClusterCaseAdded;
import org.hospital.surveillance.events.alert.ClusterCaseWithdrawn;
import org.hospital.surveillance.events.alert.CloseOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Alert aggregate is cached per instance, and two instances share one PostgreSQL event store:
 * the second instance's commands (a nurse's acknowledgement or closing, or the detector after it
 * moved there) change a stream the first instance has cached. Each command on the first instance
 * must decide on the stream as stored, and an append that loses a race must leave nothing behind
 * in its cache, so that the retry appends what the lost one would have.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AlertCacheAcrossInstancesTest {

    private static final ClusterCase CASE_1 = new ClusterCase("lab-result:L-1", "P-1", Instant.parse("2026-03-01T10:00:00Z"));
    private static final ClusterCase CASE_2 = new ClusterCase("lab-result:L-2", "P-2", Instant.parse("2026-03-02T10:00:00Z"));
    private static final ClusterCase CASE_3 = new ClusterCase("lab-result:L-3", "P-3", Instant.parse("2026-03-03T10:00:00Z"));
    private static final MetaData NURSE = MetaData.with(EventMetadata.PRINCIPAL, "nurse1");

    @TempDir
    static Path firstDir;
    @TempDir
    static Path secondDir;
    static TwoInstances instances;
    static CommandGateway first;
    static CommandGateway second;

    @BeforeAll
    static void start() {
        instances = TwoInstances.sharingEventStore(firstDir, secondDir);
        first = instances.first.bean(CommandGateway.class);
        second = instances.second.bean(CommandGateway.class);
    }

    @AfterAll
    static void stop() {
        instances.close();
    }

    @Test
    void anAcknowledgementOfAnAlertClosedOnTheOtherInstanceIsRefused() {
        String alertId = "CACHE-CLOSED";
        first.sendAndWait(raise(alertId, List.of(CASE_1, CASE_2)), NURSE);
        assertThat((AlertStatus) first.sendAndWait(new AcknowledgeAlert(alertId, "seen"), NURSE))
                .isEqualTo(AlertStatus.ACKNOWLEDGED);

        second.sendAndWait(new CloseAlert(alertId, CloseOutcome.FALSE_ALARM, "contaminant"), NURSE);

        // The first instance cached the alert as acknowledged; the store says closed.
        assertThatThrownBy(() -> first.sendAndWait(new AcknowledgeAlert(alertId, "again"), NURSE))
                .isInstanceOf(AlertConflictException.class);
        assertThat(stream(alertId)).containsExactly("0 ClusterAlertRaised", "1 AlertAcknowledged", "2 AlertClosed");
    }

    @Test
    void aMembershipChangedOnTheOtherInstanceIsPutBack() {
        String alertId = "CACHE-MEMBERS";
        first.sendAndWait(raise(alertId, List.of(CASE_1, CASE_2)), NURSE);
        second.sendAndWait(new UpdateClusterCases(alertId, List.of(CASE_1, CASE_2, CASE_3)), NURSE);

        // The first instance cached the first two members, which is what it now wants again.
        first.sendAndWait(new UpdateClusterCases(alertId, List.of(CASE_1, CASE_2)), NURSE);

        assertThat(stream(alertId)).containsExactly(
                "0 ClusterAlertRaised", "1 ClusterCaseAdded lab-result:L-3", "2 ClusterCaseWithdrawn lab-result:L-3");
    }

    /**
     * As in the detector's batch: its commands run inside the batch's unit of work and their
     * events are appended when the batch commits. An acknowledgement on the other instance takes
     * the sequence in between, the batch fails on the unique key and rolls back (and its
     * processor handles the batch again); the membership it had applied to the cached alert must
     * not survive the rollback, or the batch handled again would find the case already there.
     */
    @Test
    void anAppendThatLostTheRaceLeavesNothingInTheCacheAndItsRetryAppends() throws Exception {
        String alertId = "CACHE-RACE";
        first.sendAndWait(raise(alertId, List.of(CASE_1, CASE_2)), NURSE);

        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        batch.attachTransaction(instances.first.bean(TransactionManager.class));
        first.sendAndWait(new UpdateClusterCases(alertId, List.of(CASE_1, CASE_2, CASE_3)), NURSE);
        // Another thread: this one's current unit of work is the batch.
        CompletableFuture.runAsync(() -> second.sendAndWait(new AcknowledgeAlert(alertId, "seen"), NURSE))
                .get(30, TimeUnit.SECONDS);
        assertThatThrownBy(batch::commit).satisfies(failure -> assertThat(causes(failure))
                .anyMatch(ConcurrencyException.class::isInstance));

        first.sendAndWait(new UpdateClusterCases(alertId, List.of(CASE_1, CASE_2, CASE_3)), NURSE);

        assertThat(stream(alertId)).containsExactly(
                "0 ClusterAlertRaised", "1 AlertAcknowledged", "2 ClusterCaseAdded lab-result:L-3");
    }

    /**
     * The whole path: the detector runs on the first instance (started first, it holds the
     * detector's one segment) and caches the alert it raises; a nurse acknowledges it through the
     * second; the next matching culture must still join it, after the acknowledgement, with
     * nothing lost, parked or appended twice.
     */
    @Test
    void theDetectorKeepsANursesAcknowledgementOnTheOtherInstanceAndTheNextCase() {
        AlertsApi onFirst = new AlertsApi(instances.first);
        AlertsApi onSecond = new AlertsApi(instances.second);
        for (int day = 5; day <= 7; day++) {
            onFirst.mrsa("NURSE-L" + (day - 4), "NURSE-P" + (day - 4), "W-NURSE", "2026-03-0" + day + "T10:00:00Z");
        }
        String alertId = onFirst.awaitOneClusterOf("W-NURSE", 3);

        onSecond.post("nurse1", "/api/alerts/" + alertId + "/acknowledge", Map.of("note", "seen"))
                .expectStatus().isOk();
        onFirst.mrsa("NURSE-L4", "NURSE-P4", "W-NURSE", "2026-03-08T10:00:00Z");
        onFirst.awaitOneClusterOf("W-NURSE", 4);
        instances.first.awaitQuiet();

        assertThat(stream(alertId)).containsExactly(
                "0 ClusterAlertRaised", "1 AlertAcknowledged", "2 ClusterCaseAdded lab-result:NURSE-L4");
        assertThat(onFirst.alertsOfWard("W-NURSE")).singleElement()
                .satisfies(alert -> assertThat(alert.path("status").asText()).isEqualTo("ACKNOWLEDGED"));
    }

    private static RaiseClusterAlert raise(String alertId, List<ClusterCase> cases) {
        return new RaiseClusterAlert(alertId, "W-CACHE", "MRSA", "MRSA", cases);
    }

    /** The alert's stream as stored: sequence, event, and the member it adds or withdraws. */
    private static List<String> stream(String alertId) {
        return instances.second.bean(EventStore.class).readEvents(AlertIds.aggregateId(alertId)).asStream()
                .map(AlertCacheAcrossInstancesTest::describe)
                .toList();
    }

    private static String describe(DomainEventMessage<?> event) {
        Object payload = event.getPayload();
        String what = payload.getClass().getSimpleName();
        if (payload instanceof ClusterCaseAdded added) {
            what += " " + added.clusterCase().source();
        } else if (payload instanceof ClusterCaseWithdrawn withdrawn) {
            what += " " + withdrawn.source();
        }
        return event.getSequenceNumber() + " " + what;
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable t = failure; t != null && !causes.contains(t); t = t.getCause()) {
            causes.add(t);
        }
        return causes;
    }
}

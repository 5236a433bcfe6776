package org.hospital.surveillance.query.whatif;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.axonframework.eventhandling.EventMessage;
import org.hospital.surveillance.events.alert.AlertAcknowledged;
import org.hospital.surveillance.events.alert.AlertClosed;
import org.hospital.surveillance.events.alert.ClusterAlertRaised;
import org.hospital.surveillance.events.alert.ClusterCase;
import org.hospital.surveillance.events.alert.ClusterCaseAdded;
import org.hospital.surveillance.events.alert.ClusterCaseWithdrawn;
import org.hospital.surveillance.events.casereport.CaseReport;
import org.hospital.surveillance.events.casereport.CaseReportAmended;
import org.hospital.surveillance.events.casereport.CaseReportRetracted;
import org.hospital.surveillance.events.casereport.CaseReported;
import org.hospital.surveillance.events.labresult.LabResult;
import org.hospital.surveillance.events.labresult.LabResultAmended;
import org.hospital.surveillance.events.labresult.LabResultRecorded;
import org.hospital.surveillance.rules.cluster.ClusterCandidate;
import org.hospital.surveillance.rules.labresult.HospitalOnsetRule;

/**
 * What the event history says about clusters, folded in one pass in append order: the cases of a
 * period as they stand now (latest version of each lab result and case report, asked of the same
 * {@link ClusterCandidate} definition the live detector uses; a retraction is final), and the
 * cluster alerts the live rule raised, as their own events left them.
 *
 * <p>Only the period's cases are kept (the versions of one fact are appended in order, so the last
 * one seen is the latest), and the cluster alerts: memory grows with the period, not the history.
 */
final class ClusterHistory {

    private final HospitalOnsetRule onsetRule;
    private final Predicate<Instant> inPeriod;
    private final Map<String, ClusterCandidate> cases = new LinkedHashMap<>();
    private final Set<String> retracted = new HashSet<>();
    private final Map<String, AlertInProgress> alerts = new LinkedHashMap<>();

    ClusterHistory(HospitalOnsetRule onsetRule, Predicate<Instant> inPeriod) {
        this.onsetRule = onsetRule;
        this.inPeriod = inPeriod;
    }

    /** The period's cases: their latest versions, those that count as cluster cases. */
    List<ClusterCandidate> cases() {
        return List.copyOf(cases.values());
    }

    /** Every cluster alert the live rule raised, with its cases now. */
    List<LiveClusterAlert> liveAlerts() {
        return alerts.values().stream().map(AlertInProgress::toAlert).toList();
    }

    /**
     * The event types the fold reads: the facts that can be cluster cases and the live cluster
     * alerts' own events. The reader asks the database for these alone.
     */
    static final Class<?>[] TYPES = {LabResultRecorded.class, LabResultAmended.class, CaseReported.class,
            CaseReportAmended.class, CaseReportRetracted.class, ClusterAlertRaised.class, ClusterCaseAdded.class,
            ClusterCaseWithdrawn.class, AlertAcknowledged.class, AlertClosed.class};

    /** Folds one event, on its deserialised payload: the same typed facts the live detector is handed. */
    ClusterHistory apply(EventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload instanceof LabResultRecorded recorded) {
            labResult(recorded.labResult());
        } else if (payload instanceof LabResultAmended amended) {
            labResult(amended.labResult());
        } else if (payload instanceof CaseReported reported) {
            caseReport(reported.report());
        } else if (payload instanceof CaseReportAmended amended) {
            caseReport(amended.report());
        } else if (payload instanceof CaseReportRetracted retraction) {
            String source = ClusterCandidate.caseReportSource(retraction.caseId());
            cases.remove(source);
            retracted.add(source);
        } else if (payload instanceof ClusterAlertRaised raised) {
            AlertInProgress alert = new AlertInProgress(raised, event.getTimestamp());
            raised.cases().forEach(c -> alert.cases.put(c.source(), c));
            alerts.putIfAbsent(raised.alertId(), alert);
        } else if (payload instanceof ClusterCaseAdded added) {
            alert(added.alertId()).ifPresent(a -> a.cases.put(added.clusterCase().source(), added.clusterCase()));
        } else if (payload instanceof ClusterCaseWithdrawn withdrawn) {
            alert(withdrawn.alertId()).ifPresent(a -> a.cases.remove(withdrawn.source()));
        } else if (payload instanceof AlertAcknowledged acknowledged) {
            alert(acknowledged.alertId()).filter(a -> !a.status.equals("CLOSED")).ifPresent(a -> a.status = "ACKNOWLEDGED");
        } else if (payload instanceof AlertClosed closed) {
            alert(closed.alertId()).ifPresent(a -> a.status = "CLOSED");
        }
        // Anything else (other alerts, other facts) says nothing about clusters.
        return this;
    }

    private void labResult(LabResult result) {
        fact(ClusterCandidate.labResultSource(result.accessionNumber()), ClusterCandidate.of(result, onsetRule));
    }

    private void caseReport(CaseReport report) {
        fact(ClusterCandidate.caseReportSource(report.caseId()), ClusterCandidate.of(report));
    }

    private void fact(String source, Optional<ClusterCandidate> latest) {
        if (retracted.contains(source)) {
            return;
        }
        if (latest.isPresent() && inPeriod.test(latest.get().clusterCase().caseAt())) {
            cases.put(source, latest.get());
        } else {
            cases.remove(source);
        }
    }

    private Optional<AlertInProgress> alert(String alertId) {
        return Optional.ofNullable(alerts.get(alertId));
    }

    private static final class AlertInProgress {
        final ClusterAlertRaised raised;
        final Instant raisedAt;
        final Map<String, ClusterCase> cases = new LinkedHashMap<>();
        String status = "OPEN";

        AlertInProgress(ClusterAlertRaised raised, Instant raisedAt) {
            this.raised = raised;
            this.raisedAt = raisedAt;
        }

        LiveClusterAlert toAlert() {
            return new LiveClusterAlert(raised.alertId(), raised.wardId(), raised.organism(), raised.phenotype(),
                    new ArrayList<>(cases.values()), status, raisedAt);
        }
    }
}

package org.hospital.surveillance.query.whatif;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.hospital.surveillance.events.alert.AlertAcknowledged;
import org.hospital.surveillance.events.alert.AlertClosed;
import org.hospital.surveillance.events.alert.ClusterAlertRaised;
import org.hospital.surveillance.events.alert.ClusterCase;
import org.hospital.surveillance.events.alert.ClusterCaseAdded;
import org.hospital.surveillance.events.alert.ClusterCaseWithdrawn;
import org.hospital.surveillance.events.casereport.CaseReportAmended;
import org.hospital.surveillance.events.casereport.CaseReportRetracted;
import org.hospital.surveillance.events.casereport.CaseReported;
import org.hospital.surveillance.events.labresult.LabResultAmended;
import org.hospital.surveillance.events.labresult.LabResultRecorded;
import org.hospital.surveillance.query.history.RecordedEvent;
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

    private final ObjectMapper json;
    private final HospitalOnsetRule onsetRule;
    private final Predicate<Instant> inPeriod;
    private final Map<String, ClusterCandidate> cases = new LinkedHashMap<>();
    private final Set<String> retracted = new HashSet<>();
    private final Map<String, AlertInProgress> alerts = new LinkedHashMap<>();

    ClusterHistory(ObjectMapper json, HospitalOnsetRule onsetRule, Predicate<Instant> inPeriod) {
        this.json = json;
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

    ClusterHistory apply(RecordedEvent event) {
        switch (event.type()) {
            case "LabResultRecorded" -> {
                var result = read(event, LabResultRecorded.class).labResult();
                fact(ClusterCandidate.labResultSource(result.accessionNumber()), ClusterCandidate.of(result, onsetRule));
            }
            case "LabResultAmended" -> {
                var result = read(event, LabResultAmended.class).labResult();
                fact(ClusterCandidate.labResultSource(result.accessionNumber()), ClusterCandidate.of(result, onsetRule));
            }
            case "CaseReported" -> {
                var report = read(event, CaseReported.class).report();
                fact(ClusterCandidate.caseReportSource(report.caseId()), ClusterCandidate.of(report));
            }
            case "CaseReportAmended" -> {
                var report = read(event, CaseReportAmended.class).report();
                fact(ClusterCandidate.caseReportSource(report.caseId()), ClusterCandidate.of(report));
            }
            case "CaseReportRetracted" -> {
                String source = ClusterCandidate.caseReportSource(read(event, CaseReportRetracted.class).caseId());
                cases.remove(source);
                retracted.add(source);
            }
            case "ClusterAlertRaised" -> {
                var raised = read(event, ClusterAlertRaised.class);
                AlertInProgress alert = new AlertInProgress(raised, event.recordedAt());
                raised.cases().forEach(c -> alert.cases.put(c.source(), c));
                alerts.putIfAbsent(raised.alertId(), alert);
            }
            case "ClusterCaseAdded" -> {
                var added = read(event, ClusterCaseAdded.class);
                alert(added.alertId()).ifPresent(a -> a.cases.put(added.clusterCase().source(), added.clusterCase()));
            }
            case "ClusterCaseWithdrawn" -> {
                var withdrawn = read(event, ClusterCaseWithdrawn.class);
                alert(withdrawn.alertId()).ifPresent(a -> a.cases.remove(withdrawn.source()));
            }
            case "AlertAcknowledged" -> alert(read(event, AlertAcknowledged.class).alertId())
                    .filter(a -> !a.status.equals("CLOSED")).ifPresent(a -> a.status = "ACKNOWLEDGED");
            case "AlertClosed" -> alert(read(event, AlertClosed.class).alertId()).ifPresent(a -> a.status = "CLOSED");
            default -> {
                // census, environment samples, sterilization loads and other alerts say nothing about clusters
            }
        }
        return this;
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

    private <T> T read(RecordedEvent event, Class<T> type) {
        try {
            return json.treeToValue(event.payload(), type);
        } catch (JsonProcessingException e) {
            // The message would quote the payload (patients included); the position is enough to find it.
            throw new IllegalStateException("Event at position " + event.position() + " is not a readable " + type.getSimpleName());
        }
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

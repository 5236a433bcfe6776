package org.hospital.surveillance.process.alert;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.hospital.surveillance.events.alert.AlertIds;
import org.hospital.surveillance.command.alert.RaiseClusterAlert;
import org.hospital.surveillance.command.alert.RaiseEnvironmentAlert;
import org.hospital.surveillance.command.alert.RaiseSterilizationFailureAlert;
import org.hospital.surveillance.command.alert.UpdateClusterCases;
import org.hospital.surveillance.events.EventMetadata;
import org.hospital.surveillance.events.alert.AlertClosed;
import org.hospital.surveillance.events.alert.ClusterAlertRaised;
import org.hospital.surveillance.events.alert.ClusterCase;
import org.hospital.surveillance.events.alert.ClusterCaseAdded;
import org.hospital.surveillance.events.alert.ClusterCaseWithdrawn;
import org.hospital.surveillance.events.casereport.CaseReport;
import org.hospital.surveillance.events.casereport.CaseReportAmended;
import org.hospital.surveillance.events.casereport.CaseReportRetracted;
import org.hospital.surveillance.events.casereport.CaseReported;
import org.hospital.surveillance.events.environment.EnvironmentSample;
import org.hospital.surveillance.events.environment.EnvironmentSampleAmended;
import org.hospital.surveillance.events.environment.EnvironmentSampleRecorded;
import org.hospital.surveillance.events.labresult.LabResultAmended;
import org.hospital.surveillance.events.labresult.LabResultRecorded;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorRead;
import org.hospital.surveillance.events.sterilization.SterilizationLoad;
import org.hospital.surveillance.events.sterilization.SterilizationLoadAmended;
import org.hospital.surveillance.events.sterilization.SterilizationLoadRecorded;
import org.hospital.surveillance.process.alert.AlertDetectionStore.ClusterAlertState;
import org.hospital.surveillance.process.alert.AlertDetectionStore.LoadState;
import org.hospital.surveillance.process.alert.AlertDetectionStore.SourceState;
import org.hospital.surveillance.rules.cluster.ClusterCandidate;
import org.hospital.surveillance.rules.cluster.ClusterKey;
import org.hospital.surveillance.rules.cluster.ClusterRule;
import org.hospital.surveillance.rules.environment.EnvironmentLimits;
import org.hospital.surveillance.rules.labresult.HospitalOnsetRule;
import org.hospital.surveillance.rules.sterilization.LoadStatus;
import org.hospital.surveillance.rules.sterilization.LoadVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The alert detection process: it watches the facts and raises alerts by sending commands to the
 * Alert aggregate (a cluster of similar hospital-onset cases, a non-compliant environment sample, a
 * failed sterilization load). It builds no read model; the alert board projects the alerts' own
 * events like any other fact.
 *
 * <p>Safe to redeliver: its state is keyed documents written whole, each fact remembers the last
 * version (aggregate sequence number) applied so an older one is ignored, and every command is
 * idempotent on its deterministic alert id. Never replayed: its handlers are {@link DisallowReplay},
 * so Axon refuses to reset its processor, because a replay would send memberships of the past to
 * live alerts.
 */
@Component
@ProcessingGroup(AlertDetector.PROCESSING_GROUP)
@DisallowReplay
public class AlertDetector {

    public static final String PROCESSING_GROUP = "alert-detection";
    /** The principal recorded on alerts the platform raises itself. */
    public static final String SYSTEM_PRINCIPAL = "system";

    private static final Logger log = LoggerFactory.getLogger(AlertDetector.class);

    private final AlertDetectionStore store;
    private final CommandGateway commandGateway;
    private final HospitalOnsetRule onsetRule;
    private final ClusterRule clusterRule;
    private final EnvironmentLimits environmentLimits;
    /** The application's clock (UTC unless the application defines one), for the alerts' receivedAt. */
    private final Clock clock;

    @Autowired
    public AlertDetector(MongoDatabase database, CommandGateway commandGateway, HospitalOnsetRule onsetRule,
                         ClusterRule clusterRule, EnvironmentLimits environmentLimits, ObjectProvider<Clock> clock) {
        this(database, commandGateway, onsetRule, clusterRule, environmentLimits, clock.getIfAvailable(Clock::systemUTC));
    }

    public AlertDetector(MongoDatabase database, CommandGateway commandGateway, HospitalOnsetRule onsetRule,
                         ClusterRule clusterRule, EnvironmentLimits environmentLimits, Clock clock) {
        this.store = new AlertDetectionStore(database);
        this.commandGateway = commandGateway;
        this.onsetRule = onsetRule;
        this.clusterRule = clusterRule;
        this.environmentLimits = environmentLimits;
        this.clock = clock;
    }

    // --- cluster cases: lab results and HAI case reports ---

    @EventHandler
    void on(LabResultRecorded event, @SequenceNumber long sequence) {
        caseFact(ClusterCandidate.labResultSource(event.accessionNumber()), sequence,
                ClusterCandidate.of(event.labResult(), onsetRule), false);
    }

    @EventHandler
    void on(LabResultAmended event, @SequenceNumber long sequence) {
        caseFact(ClusterCandidate.labResultSource(event.accessionNumber()), sequence,
                ClusterCandidate.of(event.labResult(), onsetRule), false);
    }

    @EventHandler
    void on(CaseReported event, @SequenceNumber long sequence) {
        caseReport(event.report(), sequence);
    }

    @EventHandler
    void on(CaseReportAmended event, @SequenceNumber long sequence) {
        caseReport(event.report(), sequence);
    }

    @EventHandler
    void on(CaseReportRetracted event, @SequenceNumber long sequence) {
        caseFact(ClusterCandidate.caseReportSource(event.caseId()), sequence, Optional.empty(), true);
    }

    private void caseReport(CaseReport report, long sequence) {
        caseFact(ClusterCandidate.caseReportSource(report.caseId()), sequence, ClusterCandidate.of(report), false);
    }

    /**
     * Applies the latest version of a fact: it leaves the key it counted under if that changed
     * (or it no longer counts), and joins its new key. A retraction is final.
     */
    private void caseFact(String source, long sequence, Optional<ClusterCandidate> candidate, boolean retracted) {
        Optional<SourceState> previous = store.source(source);
        if (previous.isPresent() && (previous.get().sequence() > sequence
                || previous.get().retracted() && previous.get().sequence() != sequence)) {
            return;
        }
        ClusterKey newKey = candidate.map(ClusterCandidate::key).orElse(null);
        ClusterKey oldKey = previous.map(SourceState::key).orElse(null);
        if (oldKey != null && !oldKey.equals(newKey)) {
            changeKey(oldKey, state -> state.removeCase(source));
        }
        candidate.ifPresent(c -> changeKey(c.key(), state -> state.putCase(c)));
        store.saveSource(source, new SourceState(sequence, retracted, newKey));
    }

    private void changeKey(ClusterKey key, Consumer<ClusterKeyState> change) {
        ClusterKeyState state = store.keyState(key);
        change.accept(state);
        List<Object> commands = state.reconcile(clusterRule);
        commands.forEach(this::send);
        store.saveKeyState(state);
    }

    // --- the cluster alerts' own events: their members, frozen when a nurse closes the alert ---

    @EventHandler
    void on(ClusterAlertRaised event, @SequenceNumber long sequence) {
        if (store.clusterAlert(event.alertId()).filter(a -> a.lastSequence() >= sequence).isPresent()) {
            return;
        }
        store.saveClusterAlert(new ClusterAlertState(event.alertId(),
                ClusterKey.of(event.wardId(), event.organism(), event.phenotype()), sequence, event.cases()));
    }

    @EventHandler
    void on(ClusterCaseAdded event, @SequenceNumber long sequence) {
        changeMembers(event.alertId(), sequence, members -> {
            members.removeIf(m -> m.source().equals(event.clusterCase().source()));
            members.add(event.clusterCase());
        });
    }

    @EventHandler
    void on(ClusterCaseWithdrawn event, @SequenceNumber long sequence) {
        changeMembers(event.alertId(), sequence, members -> members.removeIf(m -> m.source().equals(event.source())));
    }

    private void changeMembers(String alertId, long sequence, Consumer<List<ClusterCase>> change) {
        store.clusterAlert(alertId).filter(a -> a.lastSequence() < sequence).ifPresent(alert -> {
            List<ClusterCase> members = new ArrayList<>(alert.members());
            change.accept(members);
            store.saveClusterAlert(new ClusterAlertState(alertId, alert.key(), sequence, members));
        });
    }

    /** Closing a cluster alert freezes its members; the key's later cases may form its next cluster. */
    @EventHandler
    void on(AlertClosed event) {
        store.clusterAlert(event.alertId())
                .ifPresent(alert -> changeKey(alert.key(), state -> state.close(alert.alertId(), alert.members())));
    }

    // --- environment samples ---

    @EventHandler
    void on(EnvironmentSampleRecorded event) {
        environmentSample(event.sample());
    }

    /** An amendment that makes a sample non-compliant raises its alert; one that makes it compliant leaves the alert to the nurses. */
    @EventHandler
    void on(EnvironmentSampleAmended event) {
        environmentSample(event.sample());
    }

    private void environmentSample(EnvironmentSample sample) {
        try {
            if (!environmentLimits.isCompliant(sample)) {
                send(new RaiseEnvironmentAlert(AlertIds.environment(sample.sampleId()), sample.wardId(), sample.sampleId(),
                        sample.sampleType(), sample.cfu(), environmentLimits.limitFor(sample), sample.collectedAt()));
            }
        } catch (IllegalArgumentException e) {
            log.warn("Environment sample {} cannot be judged against a limit: {}", sample.sampleId(), e.getMessage());
        }
    }

    // --- sterilization loads, including the biological reading that arrives days later ---

    @EventHandler
    void on(SterilizationLoadRecorded event, @SequenceNumber long sequence) {
        load(event.load(), sequence);
    }

    @EventHandler
    void on(SterilizationLoadAmended event, @SequenceNumber long sequence) {
        load(event.load(), sequence);
    }

    @EventHandler
    void on(BiologicalIndicatorRead event, @SequenceNumber long sequence) {
        Optional<LoadState> previous = store.load(event.loadId());
        if (previous.isEmpty()) {
            log.warn("Biological indicator read for load {} that the detector has not seen", event.loadId());
            return;
        }
        if (previous.get().lastSequence() <= sequence) {
            judge(new LoadState(sequence, previous.get().load(), event.result()));
        }
    }

    private void load(SterilizationLoad load, long sequence) {
        Optional<LoadState> previous = store.load(load.loadId());
        if (previous.isEmpty() || previous.get().lastSequence() <= sequence) {
            judge(new LoadState(sequence, load, previous.map(LoadState::lateBiologicalReading).orElse(null)));
        }
    }

    private void judge(LoadState state) {
        LoadVerdict verdict = LoadVerdict.of(state.load(), state.lateBiologicalReading());
        if (verdict.status() == LoadStatus.FAILED) {
            SterilizationLoad load = state.load();
            send(new RaiseSterilizationFailureAlert(AlertIds.sterilizationFailure(load.loadId()), load.loadId(),
                    load.sterilizerId(), verdict.failedIndicators(), load.completedAt()));
        }
        store.saveLoad(state);
    }

    // --- commands ---

    /**
     * What each alert already has, as far as this process knows for certain: commands whose
     * events were committed with an earlier batch ({@link #committed}) or are pending in the
     * current batch's transaction. Sending the same again would append nothing; skipping it saves
     * an aggregate load per fact, which under a burst of matching results kept the detector far
     * behind. After a restart the map is empty and each command is sent once more (idempotent).
     */
    private final Map<String, Object> committed = new ConcurrentHashMap<>();
    private static final String PENDING = AlertDetector.class.getName() + ".pending";

    private void send(Object command) {
        String alert = alreadyKnownKey(command);
        Object content = command instanceof UpdateClusterCases update ? update.cases() : alert;
        UnitOfWork<?> batch = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root() : null;
        Map<String, Object> pending = batch == null ? new HashMap<>() : batch.getOrComputeResource(PENDING, k -> {
            Map<String, Object> sentInBatch = new HashMap<>();
            // Only once the batch's transaction (which holds the alert events) commits are they certain.
            batch.afterCommit(u -> committed.putAll(sentInBatch));
            return sentInBatch;
        });
        if (Objects.equals(pending.getOrDefault(alert, committed.get(alert)), content)) {
            return;
        }
        dispatch(command);
        pending.put(alert, content);
        if (batch == null) {
            committed.put(alert, content);
        }
    }

    /** Raising an alert that exists is a no-op whatever its content; a membership update is a no-op if unchanged. */
    private static String alreadyKnownKey(Object command) {
        if (command instanceof RaiseClusterAlert raise) {
            return "raise:" + raise.alertId();
        }
        if (command instanceof UpdateClusterCases update) {
            return "cases:" + update.alertId();
        }
        if (command instanceof RaiseEnvironmentAlert raise) {
            return "raise:" + raise.alertId();
        }
        if (command instanceof RaiseSterilizationFailureAlert raise) {
            return "raise:" + raise.alertId();
        }
        throw new IllegalArgumentException("Not an alert command: " + command.getClass().getSimpleName());
    }

    private void dispatch(Object command) {
        MetaData metaData = MetaData.with(EventMetadata.PRINCIPAL, SYSTEM_PRINCIPAL)
                .and(EventMetadata.CHANNEL, EventMetadata.CHANNEL_SYSTEM)
                .and(EventMetadata.RECEIVED_AT, clock.instant().toString());
        try {
            commandGateway.sendAndWait(command, metaData);
        } catch (AggregateNotFoundException e) {
            // Emptying an alert that never got stored (its raise was rolled back) has nothing to withdraw.
            if (!(command instanceof UpdateClusterCases update && update.cases().isEmpty())) {
                throw e;
            }
        }
    }
}

package org.hospital.surveillance.process.alert;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.bson.Document;
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
import org.hospital.surveillance.events.alert.EnvironmentAlertRaised;
import org.hospital.surveillance.events.alert.SterilizationFailureAlertRaised;
import org.hospital.surveillance.events.casereport.CaseReport;
import org.hospital.surveillance.events.casereport.CaseReportAmended;
import org.hospital.surveillance.events.casereport.CaseReportRetracted;
import org.hospital.surveillance.events.casereport.CaseReported;
import org.hospital.surveillance.events.environment.EnvironmentSample;
import org.hospital.surveillance.events.environment.EnvironmentSampleAmended;
import org.hospital.surveillance.events.environment.EnvironmentSampleRecorded;
import org.hospital.surveillance.events.environment.SampleType;
import org.hospital.surveillance.events.labresult.LabResultAmended;
import org.hospital.surveillance.events.labresult.LabResultRecorded;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorRead;
import org.hospital.surveillance.events.sterilization.SterilizationLoad;
import org.hospital.surveillance.events.sterilization.SterilizationLoadAmended;
import org.hospital.surveillance.events.sterilization.SterilizationLoadRecorded;
import org.hospital.surveillance.process.alert.AlertDetectionStore.ClusterAlertState;
import org.hospital.surveillance.process.alert.AlertDetectionStore.LoadState;
import org.hospital.surveillance.process.alert.AlertDetectionStore.Progress;
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
 *
 * <p>Works a batch at a time ({@link DetectionBatch}): the state of a batch's facts is read once,
 * changed in memory, and written in bulk after the batch's last event, together with the commands
 * the batch calls for (one reconciliation per cluster key and batch, not per fact), all before the
 * batch's token commits. One segment: a cluster spans facts of many streams and a closing freezes
 * the members a cluster had, so the key's facts and its alerts' events must be judged in the one
 * order of the history.
 *
 * <p>Judging a history from scratch (no state and no token, e.g. after a restore): the events up to
 * the head it found when it started only build its state, since that history already holds the
 * alerts its judging raised then; at that head it compares what the alerts should be with what
 * their own events say and sends only the difference. A nurse's view of a restored history thus
 * stays as it was, and a history that never had a detector still gets every alert it calls for.
 */
@Component
@ProcessingGroup(AlertDetector.PROCESSING_GROUP)
@DisallowReplay
public class AlertDetector {

    public static final String PROCESSING_GROUP = "alert-detection";
    /** The principal recorded on alerts the platform raises itself. */
    public static final String SYSTEM_PRINCIPAL = "system";

    private static final Logger log = LoggerFactory.getLogger(AlertDetector.class);
    private static final String BATCH = AlertDetector.class.getName() + ".batch";
    private static final String PENDING_KEY = "key:";

    private final AlertDetectionStore store;
    private final CommandGateway commandGateway;
    private final HospitalOnsetRule onsetRule;
    private final ClusterRule clusterRule;
    private final EnvironmentLimits environmentLimits;
    /** The application's clock (UTC unless the application defines one), for the alerts' receivedAt. */
    private final Clock clock;
    /** The position of the newest stored event, or -1: where judging a history from scratch ends. */
    private final LongSupplier head;

    @Autowired
    public AlertDetector(MongoDatabase database, CommandGateway commandGateway, HospitalOnsetRule onsetRule,
                         ClusterRule clusterRule, EnvironmentLimits environmentLimits, ObjectProvider<Clock> clock,
                         ObjectProvider<EventStore> eventStore) {
        this(database, commandGateway, onsetRule, clusterRule, environmentLimits, clock.getIfAvailable(Clock::systemUTC),
                () -> headOf(eventStore.getObject()));
    }

    /** A detector that never judges a history from scratch: every event it handles is new to it. */
    public AlertDetector(MongoDatabase database, CommandGateway commandGateway, HospitalOnsetRule onsetRule,
                         ClusterRule clusterRule, EnvironmentLimits environmentLimits, Clock clock) {
        this(database, commandGateway, onsetRule, clusterRule, environmentLimits, clock, () -> -1L);
    }

    public AlertDetector(MongoDatabase database, CommandGateway commandGateway, HospitalOnsetRule onsetRule,
                         ClusterRule clusterRule, EnvironmentLimits environmentLimits, Clock clock, LongSupplier head) {
        this.store = new AlertDetectionStore(database);
        this.commandGateway = commandGateway;
        this.onsetRule = onsetRule;
        this.clusterRule = clusterRule;
        this.environmentLimits = environmentLimits;
        this.clock = clock;
        this.head = head;
    }

    /** The position of the newest event in a store, -1 for an empty one. */
    public static long headOf(EventStore eventStore) {
        TrackingToken token = eventStore.createHeadToken();
        return token == null ? -1L : token.position().orElse(-1L);
    }

    // --- cluster cases: lab results and HAI case reports ---

    @EventHandler
    void on(LabResultRecorded event, @SequenceNumber long sequence) {
        DetectionBatch batch = batch();
        caseFact(batch, ClusterCandidate.labResultSource(event.accessionNumber()), sequence,
                ClusterCandidate.of(event.labResult(), onsetRule), false);
        handled(batch);
    }

    @EventHandler
    void on(LabResultAmended event, @SequenceNumber long sequence) {
        DetectionBatch batch = batch();
        caseFact(batch, ClusterCandidate.labResultSource(event.accessionNumber()), sequence,
                ClusterCandidate.of(event.labResult(), onsetRule), false);
        handled(batch);
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
        DetectionBatch batch = batch();
        caseFact(batch, ClusterCandidate.caseReportSource(event.caseId()), sequence, Optional.empty(), true);
        handled(batch);
    }

    private void caseReport(CaseReport report, long sequence) {
        DetectionBatch batch = batch();
        caseFact(batch, ClusterCandidate.caseReportSource(report.caseId()), sequence, ClusterCandidate.of(report), false);
        handled(batch);
    }

    /**
     * Applies the latest version of a fact: it leaves the key it counted under if that changed
     * (or it no longer counts), and joins its new key. A retraction is final. The same version
     * again (a redelivery) is applied again, so its key is reconciled and its commands sent again
     * if their events were lost with a batch that failed.
     */
    private void caseFact(DetectionBatch batch, String source, long sequence, Optional<ClusterCandidate> candidate,
                          boolean retracted) {
        Optional<SourceState> previous = batch.source(source);
        if (previous.isPresent() && (previous.get().sequence() > sequence
                || previous.get().retracted() && previous.get().sequence() != sequence)) {
            return;
        }
        ClusterKey newKey = candidate.map(ClusterCandidate::key).orElse(null);
        ClusterKey oldKey = previous.map(SourceState::key).orElse(null);
        if (oldKey != null && !oldKey.equals(newKey)) {
            batch.touchKey(oldKey).removeCase(source);
        }
        candidate.ifPresent(c -> batch.touchKey(c.key()).putCase(c));
        if (previous.isPresent() || newKey != null || retracted) {
            batch.saveSource(source, new SourceState(sequence, retracted, newKey));
        }
    }

    // --- the cluster alerts' own events: their members, frozen when a nurse closes the alert ---

    @EventHandler
    void on(ClusterAlertRaised event, @SequenceNumber long sequence) {
        DetectionBatch batch = batch();
        if (batch.clusterAlert(event.alertId()).filter(a -> a.lastSequence() >= sequence).isEmpty()) {
            batch.saveClusterAlert(new ClusterAlertState(event.alertId(),
                    ClusterKey.of(event.wardId(), event.organism(), event.phenotype()), sequence, event.cases()));
        }
        handled(batch);
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
        DetectionBatch batch = batch();
        batch.clusterAlert(alertId).filter(a -> a.lastSequence() < sequence).ifPresent(alert -> {
            List<ClusterCase> members = new ArrayList<>(alert.members());
            change.accept(members);
            batch.saveClusterAlert(new ClusterAlertState(alertId, alert.key(), sequence, members));
        });
        handled(batch);
    }

    /** Closing a cluster alert freezes its members; the key's later cases may form its next cluster. */
    @EventHandler
    void on(AlertClosed event) {
        DetectionBatch batch = batch();
        batch.clusterAlert(event.alertId())
                .ifPresent(alert -> batch.touchKey(alert.key()).close(alert.alertId(), alert.members()));
        handled(batch);
    }

    /** While judging a history from scratch, an alert raised in it needs nothing more from the detector. */
    @EventHandler
    void on(EnvironmentAlertRaised event) {
        alreadyRaised(event.alertId());
    }

    @EventHandler
    void on(SterilizationFailureAlertRaised event) {
        alreadyRaised(event.alertId());
    }

    private void alreadyRaised(String alertId) {
        DetectionBatch batch = batch();
        if (!batch.progress.done()) {
            batch.pendingChanges.put(alertId, null);
        }
        handled(batch);
    }

    /**
     * Every other event: nothing to judge, but a batch may end with it, and the batch's work is
     * done when its last event has been handled.
     */
    @EventHandler
    void on(Object anyOtherEvent) {
        handled(batch());
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
        DetectionBatch batch = batch();
        try {
            if (!environmentLimits.isCompliant(sample)) {
                batch.facilityCommands.add(new RaiseEnvironmentAlert(AlertIds.environment(sample.sampleId()), sample.wardId(),
                        sample.sampleId(), sample.sampleType(), sample.cfu(), environmentLimits.limitFor(sample),
                        sample.collectedAt()));
            }
        } catch (IllegalArgumentException e) {
            log.warn("Environment sample {} cannot be judged against a limit: {}", sample.sampleId(), e.getMessage());
        }
        handled(batch);
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
        DetectionBatch batch = batch();
        Optional<LoadState> previous = batch.load(event.loadId());
        if (previous.isEmpty()) {
            log.warn("Biological indicator read for load {} that the detector has not seen", event.loadId());
        } else if (previous.get().lastSequence() <= sequence) {
            judge(batch, new LoadState(sequence, previous.get().load(), event.result()));
        }
        handled(batch);
    }

    private void load(SterilizationLoad load, long sequence) {
        DetectionBatch batch = batch();
        Optional<LoadState> previous = batch.load(load.loadId());
        if (previous.isEmpty() || previous.get().lastSequence() <= sequence) {
            judge(batch, new LoadState(sequence, load, previous.map(LoadState::lateBiologicalReading).orElse(null)));
        }
        handled(batch);
    }

    private void judge(DetectionBatch batch, LoadState state) {
        sterilizationFailure(state).ifPresent(batch.facilityCommands::add);
        batch.saveLoad(state);
    }

    private static Optional<RaiseSterilizationFailureAlert> sterilizationFailure(LoadState state) {
        LoadVerdict verdict = LoadVerdict.of(state.load(), state.lateBiologicalReading());
        if (verdict.status() != LoadStatus.FAILED) {
            return Optional.empty();
        }
        SterilizationLoad load = state.load();
        return Optional.of(new RaiseSterilizationFailureAlert(AlertIds.sterilizationFailure(load.loadId()), load.loadId(),
                load.sterilizerId(), verdict.failedIndicators(), load.completedAt()));
    }

    // --- the batch ---

    /** The current batch's state, read for all its events when its first event is handled. */
    private DetectionBatch batch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return newBatch(List.of());
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, k -> newBatch(unitOfWork instanceof BatchingUnitOfWork<?> batching
                ? batching.getMessages() : List.of(unitOfWork.getMessage())));
    }

    private DetectionBatch newBatch(List<? extends Message<?>> messages) {
        long first = -1;
        long last = -1;
        for (Message<?> message : messages) {
            if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
                long position = tracked.trackingToken().position().orElse(-1L);
                first = first < 0 ? position : Math.min(first, position);
                last = Math.max(last, position);
            }
        }
        DetectionBatch batch = new DetectionBatch(store, progress(), first, last);
        prefetch(batch, messages);
        return batch;
    }

    /**
     * How far judging the history from scratch has come. A detector without any state starts it
     * (up to the head of the store as it is now); one that has state judged its facts before.
     */
    private Progress progress() {
        Optional<Progress> stored = store.progress();
        if (stored.isPresent()) {
            return stored.get();
        }
        long until = head.getAsLong();
        Progress progress = until < 0 || store.holdsState() ? Progress.LIVE : new Progress(until, false, false);
        if (until >= 0) {
            store.saveProgress(progress);
        }
        return progress;
    }

    /** The state the batch's events will ask for, one query per collection. */
    private void prefetch(DetectionBatch batch, List<? extends Message<?>> messages) {
        Set<String> sources = new LinkedHashSet<>();
        Set<ClusterKey> keys = new HashSet<>();
        Set<String> alerts = new LinkedHashSet<>();
        Set<String> loads = new LinkedHashSet<>();
        for (Message<?> message : messages) {
            if (!(message instanceof EventMessage<?>)) {
                continue;
            }
            Object payload = message.getPayload();
            if (payload instanceof LabResultRecorded e) {
                sources.add(ClusterCandidate.labResultSource(e.accessionNumber()));
                ClusterCandidate.of(e.labResult(), onsetRule).ifPresent(c -> keys.add(c.key()));
            } else if (payload instanceof LabResultAmended e) {
                sources.add(ClusterCandidate.labResultSource(e.accessionNumber()));
                ClusterCandidate.of(e.labResult(), onsetRule).ifPresent(c -> keys.add(c.key()));
            } else if (payload instanceof CaseReported e) {
                sources.add(ClusterCandidate.caseReportSource(e.report().caseId()));
                ClusterCandidate.of(e.report()).ifPresent(c -> keys.add(c.key()));
            } else if (payload instanceof CaseReportAmended e) {
                sources.add(ClusterCandidate.caseReportSource(e.report().caseId()));
                ClusterCandidate.of(e.report()).ifPresent(c -> keys.add(c.key()));
            } else if (payload instanceof CaseReportRetracted e) {
                sources.add(ClusterCandidate.caseReportSource(e.caseId()));
            } else if (payload instanceof ClusterAlertRaised e) {
                alerts.add(e.alertId());
            } else if (payload instanceof ClusterCaseAdded e) {
                alerts.add(e.alertId());
            } else if (payload instanceof ClusterCaseWithdrawn e) {
                alerts.add(e.alertId());
            } else if (payload instanceof AlertClosed e) {
                alerts.add(e.alertId());
            } else if (payload instanceof SterilizationLoadRecorded e) {
                loads.add(e.load().loadId());
            } else if (payload instanceof SterilizationLoadAmended e) {
                loads.add(e.load().loadId());
            } else if (payload instanceof BiologicalIndicatorRead e) {
                loads.add(e.loadId());
            }
        }
        batch.prefetch(sources, keys, alerts, loads);
    }

    /** After each event: when it was the batch's last, the batch's commands are sent and its state written. */
    private void handled(DetectionBatch batch) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get() : null;
        if (unitOfWork instanceof BatchingUnitOfWork<?> batching && !batching.isLastMessage()) {
            return;
        }
        if (batch.withinHistory()) {
            deferUntilEndOfHistory(batch);
            batch.write();
        } else if (batch.reachesEndOfHistory()) {
            deferUntilEndOfHistory(batch);
            batch.write();
            bringAlertsInLineWithHistory(batch);
            store.saveProgress(new Progress(batch.progress.until(), true, false));
        } else {
            if (batch.progress.until() >= 0 && !batch.progress.pendingCleared()) {
                // The batch that reached the end of the history committed: its pending list is done with.
                store.clearPending();
                store.saveProgress(new Progress(batch.progress.until(), true, true));
            }
            List<Object> commands = new ArrayList<>();
            batch.touchedKeys().forEach(state -> commands.addAll(state.reconcile(clusterRule)));
            commands.addAll(batch.facilityCommands);
            send(commands);
            batch.write();
        }
    }

    /**
     * Within the history judged from scratch, the batch only builds state: its keys are reconciled
     * (so their clusters are numbered as they were) and listed, with the facility alerts it calls
     * for, to be compared with the alerts' own events at the end of that history.
     */
    private void deferUntilEndOfHistory(DetectionBatch batch) {
        batch.touchedKeys().forEach(state -> {
            state.reconcile(clusterRule);
            batch.pendingChanges.put(PENDING_KEY + ClusterKeyState.idOf(state.key()), new Document("wardId", state.key().wardId())
                    .append("organism", state.key().organism()).append("phenotype", state.key().phenotype()));
        });
        for (Object command : batch.facilityCommands) {
            if (command instanceof RaiseEnvironmentAlert raise) {
                batch.pendingChanges.put(raise.alertId(), new Document("wardId", raise.wardId())
                        .append("sampleId", raise.sampleId()).append("sampleType", raise.sampleType().name())
                        .append("cfu", raise.cfu()).append("limit", raise.limit())
                        .append("collectedAt", raise.collectedAt() == null ? null : raise.collectedAt().toString()));
            } else if (command instanceof RaiseSterilizationFailureAlert raise) {
                batch.pendingChanges.put(raise.alertId(), new Document("loadId", raise.loadId()));
            }
        }
    }

    /**
     * At the end of the history judged from scratch: each pending alert is compared with what its
     * own events in that history say, and only the difference is sent. A cluster alert whose
     * members are what the detector computes gets nothing; one never raised is raised.
     */
    private void bringAlertsInLineWithHistory(DetectionBatch batch) {
        List<Object> commands = new ArrayList<>();
        for (Document pending : store.pending()) {
            String id = pending.getString("_id");
            if (id.startsWith(PENDING_KEY)) {
                ClusterKeyState state = batch.keyState(ClusterKey.of(pending.getString("wardId"), pending.getString("organism"),
                        pending.getString("phenotype")));
                for (Object command : state.reconcile(clusterRule)) {
                    if (command instanceof RaiseClusterAlert raise && batch.clusterAlert(raise.alertId()).isEmpty()) {
                        commands.add(command);
                    } else if (command instanceof UpdateClusterCases update && !Set.copyOf(update.cases()).equals(
                            batch.clusterAlert(update.alertId()).map(a -> Set.copyOf(a.members())).orElse(Set.of()))) {
                        commands.add(command);
                    }
                }
            } else if (pending.containsKey("loadId")) {
                batch.load(pending.getString("loadId")).flatMap(AlertDetector::sterilizationFailure).ifPresent(commands::add);
            } else {
                String collectedAt = pending.getString("collectedAt");
                commands.add(new RaiseEnvironmentAlert(id, pending.getString("wardId"), pending.getString("sampleId"),
                        SampleType.valueOf(pending.getString("sampleType")), pending.getDouble("cfu"),
                        pending.getDouble("limit"), collectedAt == null ? null : Instant.parse(collectedAt)));
            }
        }
        log.info("Alert detection judged the history up to position {} from scratch: {} alert commands for what it lacked",
                batch.progress.until(), commands.size());
        send(commands);
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

    /**
     * Sends a batch's commands without waiting for each: one alert's commands go in order (its raise
     * before its membership), different alerts' independently, and the batch waits for all of them
     * before it ends, so its token never passes a command that failed.
     */
    private void send(List<Object> commands) {
        Map<String, CompletableFuture<?>> perAlert = new HashMap<>();
        for (Object command : commands) {
            if (alreadyKnown(command)) {
                continue;
            }
            perAlert.compute(alertIdOf(command), (alert, before) ->
                    before == null ? dispatch(command) : before.thenCompose(x -> dispatch(command)));
        }
        try {
            CompletableFuture.allOf(perAlert.values().toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private boolean alreadyKnown(Object command) {
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
            return true;
        }
        pending.put(alert, content);
        if (batch == null) {
            committed.put(alert, content);
        }
        return false;
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

    private static String alertIdOf(Object command) {
        return alreadyKnownKey(command).substring(alreadyKnownKey(command).indexOf(':') + 1);
    }

    /**
     * Sends one command. A failure comes back in the future, except that emptying an alert that never
     * got stored (its raise was rolled back) has nothing to withdraw.
     */
    private CompletableFuture<?> dispatch(Object command) {
        MetaData metaData = MetaData.with(EventMetadata.PRINCIPAL, SYSTEM_PRINCIPAL)
                .and(EventMetadata.CHANNEL, EventMetadata.CHANNEL_SYSTEM)
                .and(EventMetadata.RECEIVED_AT, clock.instant().toString());
        return commandGateway.send(command, metaData).exceptionally(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof AggregateNotFoundException && command instanceof UpdateClusterCases update
                    && update.cases().isEmpty()) {
                return null;
            }
            throw failure instanceof CompletionException completion ? completion : new CompletionException(cause);
        });
    }
}

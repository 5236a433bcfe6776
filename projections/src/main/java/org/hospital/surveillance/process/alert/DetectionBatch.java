package org.hospital.surveillance.process.alert;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.hospital.surveillance.process.alert.AlertDetectionStore.ClusterAlertState;
import org.hospital.surveillance.process.alert.AlertDetectionStore.LoadState;
import org.hospital.surveillance.process.alert.AlertDetectionStore.Progress;
import org.hospital.surveillance.process.alert.AlertDetectionStore.SourceState;
import org.hospital.surveillance.rules.cluster.ClusterKey;

/**
 * The detector's state for one Axon batch: read once for the batch's facts, changed in memory
 * while its events are handled, written in bulk when its last event has been handled (before the
 * batch's token commits). The next batch reads what this one wrote, so nothing outlives a batch
 * here: a batch that fails is handled again from what MongoDB holds.
 */
final class DetectionBatch {

    private final AlertDetectionStore store;
    final Progress progress;
    /** The global positions of the batch's first and last event, -1 when unknown. */
    final long firstPosition;
    final long lastPosition;

    private final Map<String, Optional<SourceState>> sources = new HashMap<>();
    private final Map<String, SourceState> changedSources = new LinkedHashMap<>();
    private final Map<String, ClusterKeyState> keys = new HashMap<>();
    /** Keys whose cases or clusters changed in this batch, in the order they first did. */
    private final Map<String, ClusterKeyState> touchedKeys = new LinkedHashMap<>();
    private final Map<String, Optional<ClusterAlertState>> clusterAlerts = new HashMap<>();
    private final Map<String, ClusterAlertState> changedClusterAlerts = new LinkedHashMap<>();
    private final Map<String, Optional<LoadState>> loads = new HashMap<>();
    private final Map<String, LoadState> changedLoads = new LinkedHashMap<>();
    /** Environment and sterilization alerts the batch's facts call for, in order. */
    final List<Object> facilityCommands = new ArrayList<>();
    /** Changes of the pending list (null removes an entry), while judging the history from scratch. */
    final Map<String, Document> pendingChanges = new LinkedHashMap<>();

    DetectionBatch(AlertDetectionStore store, Progress progress, long firstPosition, long lastPosition) {
        this.store = store;
        this.progress = progress;
        this.firstPosition = firstPosition;
        this.lastPosition = lastPosition;
    }

    /** Reads, one query per collection, the documents the batch's events will ask for. */
    void prefetch(Collection<String> sourceIds, Collection<ClusterKey> newKeys, Collection<String> alertIds,
                  Collection<String> loadIds) {
        Map<String, SourceState> foundSources = store.sources(sourceIds);
        sourceIds.forEach(id -> sources.put(id, Optional.ofNullable(foundSources.get(id))));
        Map<String, ClusterAlertState> foundAlerts = store.clusterAlerts(alertIds);
        alertIds.forEach(id -> clusterAlerts.put(id, Optional.ofNullable(foundAlerts.get(id))));
        Map<String, LoadState> foundLoads = store.loads(loadIds);
        loadIds.forEach(id -> loads.put(id, Optional.ofNullable(foundLoads.get(id))));
        Set<ClusterKey> keysToRead = new HashSet<>(newKeys);
        foundSources.values().stream().map(SourceState::key).filter(k -> k != null).forEach(keysToRead::add);
        foundAlerts.values().stream().map(ClusterAlertState::key).filter(k -> k != null).forEach(keysToRead::add);
        Map<String, ClusterKeyState> foundKeys = store.keyStates(keysToRead);
        keysToRead.forEach(k -> {
            String id = ClusterKeyState.idOf(k);
            keys.put(id, foundKeys.getOrDefault(id, ClusterKeyState.empty(k)));
        });
    }

    Optional<SourceState> source(String source) {
        return sources.computeIfAbsent(source, store::source);
    }

    void saveSource(String source, SourceState state) {
        sources.put(source, Optional.of(state));
        changedSources.put(source, state);
    }

    /** The key's state, to change: it is reconciled and written when the batch ends. */
    ClusterKeyState touchKey(ClusterKey key) {
        String id = ClusterKeyState.idOf(key);
        ClusterKeyState state = keys.computeIfAbsent(id, i -> store.keyState(key));
        touchedKeys.putIfAbsent(id, state);
        return state;
    }

    /** A key's state without marking it changed. */
    ClusterKeyState keyState(ClusterKey key) {
        return keys.computeIfAbsent(ClusterKeyState.idOf(key), i -> store.keyState(key));
    }

    Collection<ClusterKeyState> touchedKeys() {
        return touchedKeys.values();
    }

    Optional<ClusterAlertState> clusterAlert(String alertId) {
        return clusterAlerts.computeIfAbsent(alertId, store::clusterAlert);
    }

    void saveClusterAlert(ClusterAlertState state) {
        clusterAlerts.put(state.alertId(), Optional.of(state));
        changedClusterAlerts.put(state.alertId(), state);
    }

    Optional<LoadState> load(String loadId) {
        return loads.computeIfAbsent(loadId, store::load);
    }

    void saveLoad(LoadState state) {
        loads.put(state.load().loadId(), Optional.of(state));
        changedLoads.put(state.load().loadId(), state);
    }

    /** Writes what the batch changed: its state, and the pending list's changes. */
    void write() {
        store.write(changedSources, touchedKeys.values(), changedClusterAlerts.values(), changedLoads.values());
        if (!pendingChanges.isEmpty()) {
            store.writePending(pendingChanges);
        }
    }

    /** Whether every event of the batch lies in the history being judged from scratch. */
    boolean withinHistory() {
        return !progress.done() && lastPosition >= 0 && lastPosition < progress.until();
    }

    /**
     * Whether this batch reaches the end of the history judged from scratch (or is that batch
     * handled again): the alerts are brought in line with it.
     */
    boolean reachesEndOfHistory() {
        return progress.until() >= 0 && !withinHistory()
                && (!progress.done() || firstPosition <= progress.until() && progress.until() <= lastPosition);
    }
}

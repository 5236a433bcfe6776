package org.hospital.surveillance.process.alert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hospital.surveillance.command.alert.RaiseClusterAlert;
import org.hospital.surveillance.command.alert.UpdateClusterCases;
import org.hospital.surveillance.events.alert.ClusterCase;
import org.hospital.surveillance.rules.cluster.CandidateCase;
import org.hospital.surveillance.rules.cluster.ClusterCandidate;
import org.hospital.surveillance.rules.cluster.ClusterKey;
import org.hospital.surveillance.rules.cluster.ClusterRule;

/**
 * The detector's state for one cluster key: the key's current cases (latest version of each fact,
 * retracted or non-matching ones removed) and the clusters raised for it so far. Plain Java, so the
 * decision what to send is testable without a database.
 */
final class ClusterKeyState {

    private static final Comparator<ClusterCase> BY_DATE_THEN_SOURCE =
            Comparator.comparing(ClusterCase::caseAt).thenComparing(ClusterCase::source);

    /** A cluster alert of this key. Members are those last sent, or, once closed, those the alert really had. */
    record TrackedCluster(String alertId, int ordinal, List<ClusterCase> members, boolean closed) {

        TrackedCluster {
            members = List.copyOf(members);
        }
    }

    private final ClusterKey key;
    private final Map<String, ClusterCandidate> cases;
    private final List<TrackedCluster> clusters;

    ClusterKeyState(ClusterKey key, List<ClusterCandidate> cases, List<TrackedCluster> clusters) {
        this.key = key;
        this.cases = new LinkedHashMap<>();
        cases.forEach(c -> this.cases.put(c.clusterCase().source(), c));
        this.clusters = new ArrayList<>(clusters);
    }

    static ClusterKeyState empty(ClusterKey key) {
        return new ClusterKeyState(key, List.of(), List.of());
    }

    /** The document id of a key; the same string the cluster alert id hashes, without the ordinal. */
    static String idOf(ClusterKey key) {
        return key.wardId() + "|" + key.organism() + "|" + key.phenotype();
    }

    ClusterKey key() {
        return key;
    }

    List<ClusterCandidate> cases() {
        return List.copyOf(cases.values());
    }

    List<TrackedCluster> clusters() {
        return List.copyOf(clusters);
    }

    void putCase(ClusterCandidate candidate) {
        cases.put(candidate.clusterCase().source(), candidate);
    }

    void removeCase(String source) {
        cases.remove(source);
    }

    /**
     * A nurse closed one of this key's cluster alerts: its members, as the alert had them when
     * closed, are frozen and no longer count towards the next cluster.
     */
    void close(String alertId, List<ClusterCase> actualMembers) {
        for (int i = 0; i < clusters.size(); i++) {
            TrackedCluster cluster = clusters.get(i);
            if (cluster.alertId().equals(alertId)) {
                if (!cluster.closed()) {
                    clusters.set(i, new TrackedCluster(alertId, cluster.ordinal(), actualMembers, true));
                }
                return;
            }
        }
        // Not raised through this state (it should have been): record it under the ordinal its id encodes.
        ordinalOf(alertId).ifPresent(ordinal -> clusters.add(new TrackedCluster(alertId, ordinal, actualMembers, true)));
    }

    /**
     * Recomputes the open cluster from the current cases and returns the commands that bring the
     * alert in line: nothing when there is no open cluster; otherwise the raise (a no-op for an
     * alert that exists) and the full membership (a no-op when unchanged). Both are sent every time
     * rather than only on a change the state noticed, because the state in MongoDB commits before
     * the alert events in the event store: if that commit failed, the redelivered event must send
     * them again.
     */
    List<Object> reconcile(ClusterRule rule) {
        Set<String> frozen = new HashSet<>();
        clusters.stream().filter(TrackedCluster::closed)
                .forEach(c -> c.members().forEach(m -> frozen.add(m.source())));
        List<ClusterCandidate> remaining = cases.values().stream()
                .filter(c -> !frozen.contains(c.clusterCase().source()))
                .toList();
        Set<String> openMembers = rule.openClusterMembers(remaining.stream()
                .map(c -> new CandidateCase(c.clusterCase().source(), c.clusterCase().patientId(), c.clusterCase().caseAt()))
                .toList());
        Optional<TrackedCluster> open = clusters.stream().filter(c -> !c.closed()).findFirst();
        if (open.isEmpty() && openMembers.isEmpty()) {
            return List.of();
        }
        List<ClusterCandidate> members;
        if (!openMembers.isEmpty()) {
            members = remaining.stream().filter(c -> openMembers.contains(c.clusterCase().source())).toList();
        } else {
            // The alert stays open with the cases that still count, though too few now: a nurse closes it.
            Set<String> sent = new HashSet<>();
            open.get().members().forEach(m -> sent.add(m.source()));
            members = remaining.stream().filter(c -> sent.contains(c.clusterCase().source())).toList();
        }
        List<ClusterCase> memberCases = members.stream().map(ClusterCandidate::clusterCase).sorted(BY_DATE_THEN_SOURCE).toList();
        TrackedCluster cluster = open.orElseGet(() -> newCluster(memberCases));
        clusters.set(clusters.indexOf(cluster), new TrackedCluster(cluster.alertId(), cluster.ordinal(), memberCases, false));
        List<Object> commands = new ArrayList<>(2);
        if (!members.isEmpty()) {
            ClusterCandidate earliest = members.stream()
                    .min(Comparator.comparing(ClusterCandidate::clusterCase, BY_DATE_THEN_SOURCE))
                    .orElseThrow();
            commands.add(new RaiseClusterAlert(cluster.alertId(), key.wardId(), earliest.organism(), earliest.phenotype(),
                    memberCases));
        }
        commands.add(new UpdateClusterCases(cluster.alertId(), memberCases));
        return commands;
    }

    private TrackedCluster newCluster(List<ClusterCase> members) {
        int ordinal = clusters.stream().mapToInt(TrackedCluster::ordinal).max().orElse(0) + 1;
        TrackedCluster cluster = new TrackedCluster(key.alertId(ordinal), ordinal, members, false);
        clusters.add(cluster);
        return cluster;
    }

    /** The ordinal whose deterministic id is {@code alertId}, searched among the plausible ones. */
    private Optional<Integer> ordinalOf(String alertId) {
        for (int ordinal = 1; ordinal <= clusters.size() + 100; ordinal++) {
            if (key.alertId(ordinal).equals(alertId)) {
                return Optional.of(ordinal);
            }
        }
        return Optional.empty();
    }
}

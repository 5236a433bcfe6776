package org.hospital.surveillance.app.processing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which processor segments this instance lets go so that the live instances share them: the whole
 * decision of segment balancing, without Spring, Axon or a database.
 *
 * <ul>
 * <li>An instance is live while its last heartbeat, on the database's clock, is younger than
 * {@code instanceExpiry}; this instance always counts itself.
 * <li>Its fair share of a processor is {@code ceil(segments / live instances)}. Only an instance
 * holding more than its share lets segments go, the highest segment ids first, and only for
 * {@code releaseFor}, long enough for a peer with a free thread to claim them. Once that time is
 * over this instance may claim them again, so a segment nobody else wanted is not left idle.
 * <li>A segment let go counts as gone until its release ends (Axon finishes the batch in hand
 * before the claim is given up), so it is not let go twice nor replaced by another one.
 * <li>Processors with one segment are never balanced: their order is global.
 * <li>While an instance gathers every segment of a processor for a rebuild, the others let all of
 * them go (one-segment processors too) and it claims them, releasing none. Once the request is
 * withdrawn, the others end the releases still running, so they can take their share back as soon as
 * the gathering instance lets it go.
 * </ul>
 * Not thread-safe: one balancing thread calls it.
 */
final class FairShare {

    private final Duration instanceExpiry;
    private final Duration releaseFor;
    /** Per processor, the segments let go and when their release ends. */
    private final Map<String, Map<Integer, Instant>> releasedUntil = new HashMap<>();
    /** Per processor, the segments let go because another instance gathered them, and until when. */
    private final Map<String, Map<Integer, Instant>> releasedForGathering = new HashMap<>();

    FairShare(Duration instanceExpiry, Duration releaseFor) {
        if (instanceExpiry.isNegative() || instanceExpiry.isZero() || releaseFor.isNegative() || releaseFor.isZero()) {
            throw new IllegalArgumentException("instanceExpiry and releaseFor must be positive");
        }
        this.instanceExpiry = instanceExpiry;
        this.releaseFor = releaseFor;
    }

    /**
     * The live instances, this one included.
     *
     * @param lastSeen      every registered instance's last heartbeat, on the database's clock
     * @param self          this instance's name (counted whatever its row says)
     * @param databaseNow   the database's clock now
     */
    int liveInstances(Map<String, Instant> lastSeen, String self, Instant databaseNow) {
        Instant cutoff = databaseNow.minus(instanceExpiry);
        long others = lastSeen.entrySet().stream()
                .filter(e -> !e.getKey().equals(self))
                .filter(e -> e.getValue().isAfter(cutoff))
                .count();
        return 1 + (int) others;
    }

    /** {@code ceil(segments / liveInstances)}. */
    static int share(int segments, int liveInstances) {
        if (segments < 0 || liveInstances < 1) {
            throw new IllegalArgumentException("segments " + segments + ", live instances " + liveInstances);
        }
        return (segments + liveInstances - 1) / liveInstances;
    }

    /**
     * The segments of one processor to let go now, each for {@link #releaseFor()}; remembered as
     * let go from {@code now}.
     *
     * @param segments      how many segments the processor has in all (the token store's count)
     * @param held          the segments this instance processes now
     * @param liveInstances from {@link #liveInstances}
     * @param now           this instance's clock (Axon's release deadlines run on it)
     */
    List<Integer> toRelease(String processor, int segments, Collection<Integer> held, int liveInstances, Instant now) {
        Map<Integer, Instant> released = releasedUntil.computeIfAbsent(processor, p -> new HashMap<>());
        released.values().removeIf(until -> !until.isAfter(now));
        if (segments < 2) {
            return List.of();
        }
        TreeSet<Integer> keeping = new TreeSet<>(held);
        keeping.removeAll(released.keySet());
        int excess = keeping.size() - share(segments, liveInstances);
        if (excess <= 0) {
            return List.of();
        }
        List<Integer> letGo = new ArrayList<>(keeping.descendingSet()).subList(0, excess);
        letGo.forEach(segment -> released.put(segment, now.plus(releaseFor)));
        return List.copyOf(letGo);
    }

    /** Where every segment of a processor is being gathered for a rebuild. */
    enum Gathering { HERE, ELSEWHERE }

    /**
     * The standing gathering requests: this instance's own, and those of instances still live (a
     * request of an instance gone silent lapses with its heartbeat).
     *
     * @param requests processor to the instance asking for all its segments
     */
    Map<String, Gathering> gathering(Map<String, String> requests, Map<String, Instant> lastSeen, String self,
                                     Instant databaseNow) {
        Instant cutoff = databaseNow.minus(instanceExpiry);
        Map<String, Gathering> standing = new HashMap<>();
        requests.forEach((processor, requester) -> {
            if (requester.equals(self)) {
                standing.put(processor, Gathering.HERE);
            } else if (lastSeen.containsKey(requester) && lastSeen.get(requester).isAfter(cutoff)) {
                standing.put(processor, Gathering.ELSEWHERE);
            }
        });
        return standing;
    }

    /**
     * Another instance gathers the processor: every segment, held or not (so this instance's
     * processor does not claim a free one either), that is not let go already; remembered as let go
     * for {@link #releaseFor()} from {@code now}, and let go again after that while the request stands.
     * Applies to one-segment processors too.
     */
    List<Integer> toReleaseForGathering(String processor, Collection<Integer> segments, Instant now) {
        Map<Integer, Instant> released = releasedUntil.computeIfAbsent(processor, p -> new HashMap<>());
        released.values().removeIf(until -> !until.isAfter(now));
        List<Integer> letGo = new TreeSet<>(segments).stream().filter(s -> !released.containsKey(s)).toList();
        letGo.forEach(segment -> released.put(segment, now.plus(releaseFor)));
        Map<Integer, Instant> forGathering = releasedForGathering.computeIfAbsent(processor, p -> new HashMap<>());
        letGo.forEach(segment -> forGathering.put(segment, now.plus(releaseFor)));
        return letGo;
    }

    /**
     * No instance gathers the processor any more: the segments this instance let go for a gathering
     * whose release is still running, to be claimable again at once (Axon's claim ends a release).
     * Otherwise, once the rebuild was over, this instance could not take back its share for up to
     * {@code releaseFor}, while the rebuilding instance held every segment. Forgotten once returned,
     * and forgotten as let go, so the fair share is counted afresh.
     */
    List<Integer> toReclaimAfterGathering(String processor, Instant now) {
        Map<Integer, Instant> forGathering = releasedForGathering.remove(processor);
        if (forGathering == null) {
            return List.of();
        }
        Map<Integer, Instant> released = releasedUntil.getOrDefault(processor, Map.of());
        List<Integer> reclaim = new TreeSet<>(forGathering.keySet()).stream()
                .filter(segment -> forGathering.get(segment).isAfter(now))
                .toList();
        reclaim.forEach(released::remove);
        return reclaim;
    }

    /**
     * This instance gathers the processor: the segments it does not hold yet, to claim (Axon's claim
     * also ends a release still running here). What it let go before is forgotten, so its fair share
     * is counted afresh once the request is withdrawn.
     */
    List<Integer> toClaimForGathering(String processor, Collection<Integer> segments, Collection<Integer> held) {
        releasedUntil.remove(processor);
        releasedForGathering.remove(processor);
        return new TreeSet<>(segments).stream().filter(s -> !held.contains(s)).toList();
    }

    Duration releaseFor() {
        return releaseFor;
    }
}

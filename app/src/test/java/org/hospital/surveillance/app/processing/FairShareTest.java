package org.hospital.surveillance.app.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FairShareTest {

    private static final Duration EXPIRY = Duration.ofSeconds(6);
    private static final Duration RELEASE_FOR = Duration.ofSeconds(15);
    private static final Instant NOON = Instant.parse("2026-03-04T12:00:00Z");

    private final FairShare fairShare = new FairShare(EXPIRY, RELEASE_FOR);

    @Test
    void theShareIsTheSegmentsOverTheLiveInstancesRoundedUp() {
        assertThat(FairShare.share(2, 1)).isEqualTo(2);
        assertThat(FairShare.share(2, 2)).isEqualTo(1);
        assertThat(FairShare.share(2, 3)).isEqualTo(1);
        assertThat(FairShare.share(3, 2)).isEqualTo(2);
        assertThat(FairShare.share(4, 2)).isEqualTo(2);
        assertThat(FairShare.share(5, 2)).isEqualTo(3);
        assertThat(FairShare.share(1, 5)).isEqualTo(1);
        assertThat(FairShare.share(0, 2)).isZero();
        for (int segments = 0; segments <= 16; segments++) {
            for (int live = 1; live <= 6; live++) {
                int share = FairShare.share(segments, live);
                assertThat(share * live).as("%d segments, %d live: all covered", segments, live).isGreaterThanOrEqualTo(segments);
                assertThat((share - 1) * live).as("%d segments, %d live: no larger than needed", segments, live)
                        .isLessThan(Math.max(segments, 1));
            }
        }
        assertThatThrownBy(() -> FairShare.share(2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FairShare.share(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void liveInstancesAreThoseHeardFromWithinTheExpiryAndAlwaysThisOne() {
        Map<String, Instant> lastSeen = Map.of(
                "a", NOON.minusSeconds(1),
                "b", NOON.minusSeconds(5),
                "c", NOON.minus(EXPIRY),            // exactly the expiry: gone
                "d", NOON.minusSeconds(60),
                "self", NOON.minusSeconds(600));    // its own row stale: still counts once
        assertThat(fairShare.liveInstances(lastSeen, "self", NOON)).isEqualTo(3);
        assertThat(fairShare.liveInstances(Map.of(), "self", NOON)).isEqualTo(1);
        assertThat(fairShare.liveInstances(Map.of("self", NOON), "self", NOON)).isEqualTo(1);
        assertThat(fairShare.liveInstances(Map.of("a", NOON.minus(EXPIRY).plusMillis(1)), "self", NOON)).isEqualTo(2);
    }

    @Test
    void anInstanceAloneKeepsEverySegment() {
        assertThat(fairShare.toRelease("rates", 2, Set.of(0, 1), 1, NOON)).isEmpty();
    }

    @Test
    void anInstanceHoldingBothSegmentsBesideAStandbyLetsTheHigherOneGo() {
        assertThat(fairShare.toRelease("rates", 2, Set.of(0, 1), 2, NOON)).containsExactly(1);
    }

    @Test
    void anInstanceAtOrBelowItsShareLetsNothingGo() {
        assertThat(fairShare.toRelease("rates", 2, Set.of(0), 2, NOON)).isEmpty();
        assertThat(fairShare.toRelease("rates", 2, Set.of(), 2, NOON)).isEmpty();
        assertThat(fairShare.toRelease("rates", 4, Set.of(2, 3), 2, NOON)).isEmpty();
        assertThat(fairShare.toRelease("rates", 3, Set.of(0, 2), 2, NOON)).as("ceil(3 / 2) = 2").isEmpty();
    }

    @Test
    void aSingleSegmentProcessorIsNeverTouched() {
        assertThat(fairShare.toRelease("alert-board", 1, Set.of(0), 2, NOON)).isEmpty();
        assertThat(fairShare.toRelease("alert-board", 1, Set.of(0), 5, NOON)).isEmpty();
    }

    @Test
    void theExcessGoesHighestSegmentsFirst() {
        assertThat(fairShare.toRelease("rates", 8, Set.of(0, 1, 2, 3, 4, 5, 6, 7), 3, NOON)).as("share ceil(8 / 3) = 3")
                .containsExactly(7, 6, 5, 4, 3);
        assertThat(fairShare.toRelease("environment-compliance", 4, Set.of(0, 1, 3), 4, NOON)).containsExactly(3, 1);
    }

    @Test
    void aSegmentLetGoIsNeitherLetGoAgainNorReplacedUntilItsReleaseEnds() {
        assertThat(fairShare.toRelease("rates", 2, Set.of(0, 1), 2, NOON)).containsExactly(1);
        // Axon finishes the batch in hand first: the segment may still show as held.
        assertThat(fairShare.toRelease("rates", 2, Set.of(0, 1), 2, NOON.plusSeconds(2))).isEmpty();
        assertThat(fairShare.toRelease("rates", 2, Set.of(0), 2, NOON.plusSeconds(4))).isEmpty();
        assertThat(fairShare.toRelease("rates", 2, Set.of(0, 1), 2, NOON.plus(RELEASE_FOR).minusMillis(1))).isEmpty();
        // The release is over and nobody took it: this instance claimed it back, and lets it go once more.
        assertThat(fairShare.toRelease("rates", 2, Set.of(0, 1), 2, NOON.plus(RELEASE_FOR))).containsExactly(1);
    }

    @Test
    void aSurvivorKeepsWhatItTookOnceTheDeadInstanceNoLongerCounts() {
        assertThat(fairShare.toRelease("rates", 2, Set.of(0), 2, NOON)).isEmpty();
        int live = fairShare.liveInstances(Map.of("survivor", NOON, "dead", NOON.minusSeconds(10)), "survivor", NOON);
        assertThat(fairShare.toRelease("rates", 2, Set.of(0, 1), live, NOON)).isEmpty();
    }

    @Test
    void eachProcessorIsBalancedOnItsOwn() {
        assertThat(fairShare.toRelease("rates", 2, Set.of(0, 1), 2, NOON)).containsExactly(1);
        assertThat(fairShare.toRelease("environment-compliance", 2, Set.of(0, 1), 2, NOON)).containsExactly(1);
        assertThat(fairShare.toRelease("sterilization-compliance", 2, Set.of(0), 2, NOON)).isEmpty();
        assertThat(fairShare.toRelease("rates", 2, Set.of(0, 1), 2, NOON.plusSeconds(1))).isEmpty();
    }

    /**
     * Every segment count up to 8 and up to 4 instances, each with threads to spare, starting from
     * one instance holding everything: rounds of letting go and claiming (a free segment goes to the
     * instance holding fewest, as the first standby to look claims it) end within a few rounds with no
     * instance above its share, and then nothing moves.
     */
    @Test
    void fromOneInstanceHoldingEverythingTheInstancesSettleAtTheirSharesAndStay() {
        for (int segments = 1; segments <= 8; segments++) {
            for (int live = 1; live <= 4; live++) {
                List<FairShare> deciders = new ArrayList<>();
                List<Set<Integer>> held = new ArrayList<>();
                for (int i = 0; i < live; i++) {
                    deciders.add(new FairShare(EXPIRY, RELEASE_FOR));
                    held.add(new TreeSet<>());
                }
                IntStream.range(0, segments).forEach(held.get(0)::add);
                int movesAfterSettling = -1;
                for (int round = 0; round < 10; round++) {
                    Instant now = NOON.plusSeconds(2L * round);
                    Set<Integer> free = new HashSet<>();
                    for (int i = 0; i < live; i++) {
                        List<Integer> letGo = deciders.get(i).toRelease("p", segments, held.get(i), live, now);
                        held.get(i).removeAll(letGo);
                        free.addAll(letGo);
                    }
                    if (round >= 3) {
                        movesAfterSettling = Math.max(movesAfterSettling, free.size());
                    }
                    for (int segment : free) {
                        held.stream().min((x, y) -> Integer.compare(x.size(), y.size())).orElseThrow().add(segment);
                    }
                }
                int share = FairShare.share(segments, live);
                assertThat(held.stream().mapToInt(Set::size).sum()).as("%d segments, %d live: all held", segments, live)
                        .isEqualTo(segments);
                for (Set<Integer> one : held) {
                    assertThat(one.size()).as("%d segments, %d live: at most the share", segments, live)
                            .isLessThanOrEqualTo(segments < 2 ? segments : share);
                }
                assertThat(movesAfterSettling).as("%d segments, %d live: nothing moves once settled", segments, live)
                        .isLessThanOrEqualTo(0);
            }
        }
    }

    @Test
    void aGatheringRequestStandsWhileItsInstanceIsLiveAndThisInstancesOwnAlways() {
        Map<String, Instant> lastSeen = Map.of("a", NOON.minusSeconds(2), "b", NOON.minusSeconds(7), "self", NOON.minusSeconds(60));
        Map<String, String> requests = Map.of("rates", "a", "environment-compliance", "b",
                "sterilization-compliance", "self", "alert-board", "never-registered");

        assertThat(fairShare.gathering(requests, lastSeen, "self", NOON)).isEqualTo(Map.of(
                "rates", FairShare.Gathering.ELSEWHERE,
                "sterilization-compliance", FairShare.Gathering.HERE));
    }

    @Test
    void forAnotherInstancesGatheringEverySegmentIsLetGoHeldOrNotOneSegmentProcessorsToo() {
        assertThat(fairShare.toReleaseForGathering("rates", List.of(1, 0), NOON)).containsExactly(0, 1);
        assertThat(fairShare.toReleaseForGathering("alert-board", List.of(0), NOON)).containsExactly(0);
        // Not again while the release runs; again once it has ended and the request still stands.
        assertThat(fairShare.toReleaseForGathering("rates", List.of(0, 1), NOON.plusSeconds(14))).isEmpty();
        assertThat(fairShare.toReleaseForGathering("rates", List.of(0, 1), NOON.plusSeconds(15))).containsExactly(0, 1);
    }

    @Test
    void aSegmentLetGoForAGatheringIsNotLetGoAgainByTheShare() {
        fairShare.toReleaseForGathering("rates", List.of(0, 1), NOON);

        assertThat(fairShare.toRelease("rates", 2, Set.of(0, 1), 2, NOON.plusSeconds(1))).isEmpty();
    }

    @Test
    void theGatheringInstanceClaimsWhatItLacksAndCountsItsShareAfreshOnceDone() {
        // It had let segment 1 go to a second instance when a rebuild asked for both here.
        assertThat(fairShare.toRelease("rates", 2, Set.of(0, 1), 2, NOON)).containsExactly(1);

        assertThat(fairShare.toClaimForGathering("rates", List.of(0, 1), Set.of(0))).containsExactly(1);
        assertThat(fairShare.toClaimForGathering("rates", List.of(0, 1), Set.of(0, 1))).isEmpty();
        // Request withdrawn, both segments here, two live instances: segment 1 goes again at once.
        assertThat(fairShare.toRelease("rates", 2, Set.of(0, 1), 2, NOON.plusSeconds(5))).containsExactly(1);
    }

    @Test
    void onceAGatheringIsWithdrawnTheSegmentsLetGoForItAreReclaimedOnceIfTheirReleaseStillRuns() {
        fairShare.toReleaseForGathering("rates", List.of(0, 1), NOON);
        fairShare.toReleaseForGathering("alert-board", List.of(0), NOON);

        assertThat(fairShare.toReclaimAfterGathering("rates", NOON.plusSeconds(3))).containsExactly(0, 1);
        // Once only; and no longer counted as let go, so the share is counted afresh.
        assertThat(fairShare.toReclaimAfterGathering("rates", NOON.plusSeconds(4))).isEmpty();
        assertThat(fairShare.toRelease("rates", 2, Set.of(0, 1), 2, NOON.plusSeconds(5))).containsExactly(1);
        // A release that has already run out needs no ending.
        assertThat(fairShare.toReclaimAfterGathering("alert-board", NOON.plusSeconds(15))).isEmpty();
    }

    @Test
    void segmentsLetGoForTheShareAreNotReclaimedWhenNoGatheringWasThere() {
        assertThat(fairShare.toRelease("rates", 2, Set.of(0, 1), 2, NOON)).containsExactly(1);

        assertThat(fairShare.toReclaimAfterGathering("rates", NOON.plusSeconds(1))).isEmpty();
        // Still let go: not let go again while its release runs.
        assertThat(fairShare.toRelease("rates", 2, Set.of(0, 1), 2, NOON.plusSeconds(2))).isEmpty();
    }

    @Test
    void theGatheringInstanceItselfHasNothingToReclaim() {
        fairShare.toReleaseForGathering("rates", List.of(0, 1), NOON);
        // The next rebuild gathers here: what was let go for the other one is forgotten.
        fairShare.toClaimForGathering("rates", List.of(0, 1), Set.of());

        assertThat(fairShare.toReclaimAfterGathering("rates", NOON.plusSeconds(1))).isEmpty();
    }

    @Test
    void durationsMustBePositive() {
        assertThatThrownBy(() -> new FairShare(Duration.ZERO, RELEASE_FOR)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FairShare(EXPIRY, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}

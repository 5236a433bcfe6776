package org.hospital.surveillance.process.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.hospital.surveillance.command.alert.CloseAlert;
import org.hospital.surveillance.events.alert.CloseOutcome;
import org.hospital.surveillance.events.alert.ClusterAlertRaised;
import org.hospital.surveillance.events.alert.ClusterCaseAdded;
import org.hospital.surveillance.rules.cluster.ClusterKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The detector a batch at a time: a batch handled again after its writes and before its token
 * raises nothing twice, clusters come out the same whatever the arrival order and wherever a batch
 * ends, and a detector judging a history from scratch appends nothing that history already holds.
 * Expected clusters counted by hand: three distinct patients of one ward, organism and phenotype,
 * first to last case date at most 14 days apart; the cluster forms on the earliest date d whose
 * window [d - 14, d] holds three patients, and every case dated from d - 14 on is a member.
 */
class BatchedAlertDetectionTest {

    private static String firstCluster(String wardId) {
        return ClusterKey.of(wardId, "Staphylococcus aureus", "MRSA").alertId(1);
    }

    private static String secondCluster(String wardId) {
        return ClusterKey.of(wardId, "Staphylococcus aureus", "MRSA").alertId(2);
    }

    /** A detector that has judged the history so far (a census day), so it works live from now on. */
    private static DetectorPlatform live(int batchSize) {
        DetectorPlatform platform = new DetectorPlatform(batchSize);
        platform.census("ICU-1", "2026-03-01");
        return platform.awaitQuiet();
    }

    @Test
    void aBatchWhoseTokenFailsToCommitAfterItsWritesIsHandledAgainAndRaisesNothingTwice() {
        try (DetectorPlatform platform = live(100)) {
            platform.stopDetector();
            // 1, 3, 5 March: three patients; 6 March P-1's repeat culture. One batch, failing once at its token.
            platform.mrsa("L-1", "P-1", "ICU-1", "2026-03-01T10:00:00Z");
            platform.mrsa("L-2", "P-2", "ICU-1", "2026-03-03T10:00:00Z");
            platform.mrsa("L-3", "P-3", "ICU-1", "2026-03-05T10:00:00Z");
            platform.mrsa("L-4", "P-1", "ICU-1", "2026-03-06T10:00:00Z");
            platform.commitsToFail.set(1);
            platform.startDetector();
            platform.awaitQuiet();

            assertThat(platform.failedCommits).hasValue(1);
            assertThat(platform.alertEvents()).singleElement().isInstanceOf(ClusterAlertRaised.class);
            assertThat(platform.clusterMembers()).isEqualTo(Map.of(firstCluster("ICU-1"),
                    List.of("lab-result:L-1", "lab-result:L-2", "lab-result:L-3", "lab-result:L-4")));

            // A fifth case joins; its batch too fails once after its writes.
            platform.commitsToFail.set(1);
            platform.mrsa("L-5", "P-5", "ICU-1", "2026-03-07T10:00:00Z");
            platform.awaitQuiet();

            assertThat(platform.failedCommits).hasValue(2);
            assertThat(platform.alertEvents()).hasSize(2).last().isInstanceOfSatisfying(ClusterCaseAdded.class,
                    added -> assertThat(added.clusterCase().source()).isEqualTo("lab-result:L-5"));
        }
    }

    /**
     * EDGE: 1, 8 and 15 March, first to last exactly 14 days: a cluster. OVER: 1, 8 and 16 March, 15
     * days: none (no window of 14 days holds three patients) until 20 March, whose window from
     * 6 March holds 8, 16 and 20 March: the cluster has those three; 1 March stays out.
     */
    private static List<Consumer<DetectorPlatform>> edgeFacts() {
        return List.of(
                p -> p.mrsa("E-1", "P-1", "EDGE", "2026-03-01T10:00:00Z"),
                p -> p.mrsa("O-1", "P-4", "OVER", "2026-03-01T10:00:00Z"),
                p -> p.mrsa("E-2", "P-2", "EDGE", "2026-03-08T10:00:00Z"),
                p -> p.mrsa("O-2", "P-5", "OVER", "2026-03-08T10:00:00Z"),
                p -> p.mrsa("E-3", "P-3", "EDGE", "2026-03-15T09:00:00Z"),
                p -> p.mrsa("O-3", "P-6", "OVER", "2026-03-16T10:00:00Z"),
                p -> p.mrsa("O-4", "P-7", "OVER", "2026-03-20T10:00:00Z"));
    }

    @ParameterizedTest(name = "batches of two, arrival order shuffled with seed {0}")
    @ValueSource(longs = {0, 1, 2, 3})
    void clustersAtTheFourteenDayEdgeDoNotDependOnOrderOrOnWhereABatchEnds(long seed) {
        List<Consumer<DetectorPlatform>> facts = new ArrayList<>(edgeFacts());
        if (seed > 0) {
            Collections.shuffle(facts, new Random(seed));
        }
        try (DetectorPlatform platform = live(2)) {
            platform.stopDetector();
            // Batches of two, so every batch boundary falls between two cases.
            facts.forEach(fact -> fact.accept(platform));
            platform.startDetector();
            platform.awaitQuiet();

            assertThat(platform.clusterMembers()).isEqualTo(Map.of(
                    firstCluster("EDGE"), List.of("lab-result:E-1", "lab-result:E-2", "lab-result:E-3"),
                    firstCluster("OVER"), List.of("lab-result:O-2", "lab-result:O-3", "lab-result:O-4")));
        }
    }

    @Test
    void judgingItsHistoryFromScratchAppendsNothingTheHistoryHolds() {
        try (DetectorPlatform platform = live(3)) {
            platform.mrsa("L-1", "P-1", "ICU-1", "2026-03-01T10:00:00Z");
            platform.mrsa("L-2", "P-2", "ICU-1", "2026-03-03T10:00:00Z");
            platform.mrsa("L-3", "P-3", "ICU-1", "2026-03-05T10:00:00Z");
            platform.awaitQuiet();
            // P-1's repeat culture joins the open alert; then a nurse closes it and three new patients form the next.
            platform.mrsa("L-4", "P-1", "ICU-1", "2026-03-08T10:00:00Z");
            platform.awaitQuiet();
            platform.nurse(new CloseAlert(firstCluster("ICU-1"), CloseOutcome.CONFIRMED_OUTBREAK, null));
            platform.mrsa("L-5", "P-5", "ICU-1", "2026-03-10T10:00:00Z");
            platform.mrsa("L-6", "P-6", "ICU-1", "2026-03-11T10:00:00Z");
            platform.mrsa("L-7", "P-7", "ICU-1", "2026-03-12T10:00:00Z");
            platform.awaitQuiet();
            List<Object> history = platform.alertEvents();
            assertThat(platform.clusterMembers()).isEqualTo(Map.of(
                    firstCluster("ICU-1"), List.of("lab-result:L-1", "lab-result:L-2", "lab-result:L-3", "lab-result:L-4"),
                    secondCluster("ICU-1"), List.of("lab-result:L-5", "lab-result:L-6", "lab-result:L-7")));

            platform.forgetDetector();
            platform.awaitQuiet();

            assertThat(platform.alertEvents()).isEqualTo(history);

            // Then it judges live again: a new case joins the open (second) alert.
            platform.mrsa("L-8", "P-8", "ICU-1", "2026-03-13T10:00:00Z");
            platform.awaitQuiet();
            assertThat(platform.alertEvents()).hasSize(history.size() + 1).last()
                    .isInstanceOfSatisfying(ClusterCaseAdded.class, added -> {
                        assertThat(added.alertId()).isEqualTo(secondCluster("ICU-1"));
                        assertThat(added.clusterCase().source()).isEqualTo("lab-result:L-8");
                    });
        }
    }

    @Test
    void judgingFromScratchAHistoryWithoutAlertsRaisesEachOnceAtTheEnd() {
        try (DetectorPlatform platform = new DetectorPlatform(2)) {
            platform.stopDetector();
            platform.mrsa("L-1", "P-1", "ICU-1", "2026-03-01T10:00:00Z");
            platform.mrsa("L-2", "P-2", "ICU-1", "2026-03-03T10:00:00Z");
            platform.mrsa("L-3", "P-3", "ICU-1", "2026-03-05T10:00:00Z");
            platform.mrsa("L-4", "P-1", "ICU-1", "2026-03-08T10:00:00Z");
            platform.census("ICU-1", "2026-03-08");
            platform.forgetDetector();
            platform.awaitQuiet();

            assertThat(platform.alertEvents()).singleElement().isInstanceOf(ClusterAlertRaised.class);
            assertThat(platform.clusterMembers()).isEqualTo(Map.of(firstCluster("ICU-1"),
                    List.of("lab-result:L-1", "lab-result:L-2", "lab-result:L-3", "lab-result:L-4")));
        }
    }
}

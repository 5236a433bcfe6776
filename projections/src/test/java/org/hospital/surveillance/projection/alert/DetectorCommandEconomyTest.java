package org.hospital.surveillance.projection.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.surveillance.projection.alert.Facts.mrsa;

import org.hospital.surveillance.command.alert.RaiseClusterAlert;
import org.hospital.surveillance.command.alert.UpdateClusterCases;
import org.hospital.surveillance.process.alert.AlertDetector;
import org.junit.jupiter.api.Test;

/**
 * The detector does not resend what an alert already has: under a burst of matching results it
 * once sent a no-op raise and a no-op update for every fact, each costing an aggregate load.
 */
class DetectorCommandEconomyTest extends AlertPlatformTest {

    @Test
    void aBurstOfMatchingCasesRaisesOnceAndUpdatesOnlyWhenTheMembershipChanges() {
        // Ten patients, one a day from 1 March: the cluster forms with the third (3 March) and
        // each of the seven after it joins: 1 raise, at most 8 membership updates (3 cases, then
        // 4 ... 10), fewer when several of them fall in one batch of the detector's.
        for (int day = 1; day <= 10; day++) {
            platform.labResult(mrsa("L-" + day, "P-" + day, String.format("2026-03-%02dT10:00:00Z", day)));
        }
        platform.awaitQuiet();

        assertThat(platform.dispatchedCommands.stream().filter(RaiseClusterAlert.class::isInstance)).hasSize(1);
        assertThat(platform.dispatchedCommands.stream().filter(UpdateClusterCases.class::isInstance)).hasSizeBetween(1, 8);
        assertThat(platform.boardAlert(platform.board().get(0).getString("_id")).getInteger("caseCount")).isEqualTo(10);
    }

    @Test
    void aRedeliveredFactAfterTheAlertIsCommittedSendsNothing() {
        for (int day = 1; day <= 3; day++) {
            platform.labResult(mrsa("L-" + day, "P-" + day, String.format("2026-03-%02dT10:00:00Z", day)));
        }
        platform.awaitQuiet();
        int before = platform.dispatchedCommands.size();

        platform.redeliverEverything(AlertDetector.PROCESSING_GROUP);
        platform.awaitQuiet();

        assertThat(platform.dispatchedCommands).hasSize(before);
        assertThat(platform.board()).hasSize(1);
    }
}

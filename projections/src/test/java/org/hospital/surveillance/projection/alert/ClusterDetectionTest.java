package org.hospital.surveillance.projection.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.surveillance.projection.alert.Facts.ADMITTED;
import static org.hospital.surveillance.projection.alert.Facts.MRSA_ORGANISM;
import static org.hospital.surveillance.projection.alert.Facts.at;
import static org.hospital.surveillance.projection.alert.Facts.culture;
import static org.hospital.surveillance.projection.alert.Facts.hai;
import static org.hospital.surveillance.projection.alert.Facts.mrsa;

import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.hospital.surveillance.command.alert.CloseAlert;
import org.hospital.surveillance.events.alert.AlertType;
import org.hospital.surveillance.events.alert.ClusterAlertRaised;
import org.hospital.surveillance.events.alert.ClusterCase;
import org.hospital.surveillance.events.alert.ClusterCaseAdded;
import org.hospital.surveillance.events.alert.ClusterCaseWithdrawn;
import org.hospital.surveillance.events.alert.CloseOutcome;
import org.hospital.surveillance.events.casereport.CaseCategory;
import org.hospital.surveillance.events.casereport.CaseReport;
import org.junit.jupiter.api.Test;

/** Cluster detection through the whole pipeline; every expectation is counted by hand from the rule in NOTES.md. */
class ClusterDetectionTest extends AlertPlatformTest {

    /** SHA-256 of "ICU-1|staphylococcus aureus|mrsa|1", first 12 hex digits, computed with sha256sum. */
    private static final String ICU1_MRSA_FIRST = "CLU-082847256002";
    /** The same for ordinal 2: the cluster after the first was closed. */
    private static final String ICU1_MRSA_SECOND = "CLU-84f5daeb1ccd";

    @Test
    void theThirdPatientRaisesTheAlertTheSecondDoesNot() {
        platform.labResult(mrsa("L-1", "P-1", "2026-03-05T10:00:00Z"));
        platform.labResult(mrsa("L-2", "P-2", "2026-03-07T10:00:00Z"));
        platform.awaitQuiet();
        assertThat(platform.alertEvents()).isEmpty();

        platform.labResult(mrsa("L-3", "P-3", "2026-03-09T10:00:00Z"));
        platform.awaitQuiet();

        List<DomainEventMessage<?>> events = platform.alertEvents();
        assertThat(platform.alertPayloads()).containsExactly(
                new ClusterAlertRaised(ICU1_MRSA_FIRST, "ICU-1", MRSA_ORGANISM, "MRSA", List.of(
                        new ClusterCase("lab-result:L-1", "P-1", at("2026-03-05T10:00:00Z")),
                        new ClusterCase("lab-result:L-2", "P-2", at("2026-03-07T10:00:00Z")),
                        new ClusterCase("lab-result:L-3", "P-3", at("2026-03-09T10:00:00Z")))));
        assertThat(events.get(0).getAggregateIdentifier()).isEqualTo("alert:" + ICU1_MRSA_FIRST);
        assertThat(events.get(0).getMetaData()).containsEntry("channel", "SYSTEM").containsEntry("principal", "system")
                .containsKey("receivedAt");

        Document alert = platform.boardAlert(ICU1_MRSA_FIRST);
        assertThat(alert.getString("type")).isEqualTo("CLUSTER");
        assertThat(alert.getString("status")).isEqualTo("OPEN");
        assertThat(alert.getInteger("caseCount")).isEqualTo(3);
        assertThat(alert.getList("patientIds", String.class)).containsExactly("P-1", "P-2", "P-3");
        assertThat(alert.getDate("firstCaseAt").toInstant()).isEqualTo(at("2026-03-05T10:00:00Z"));
        assertThat(alert.getDate("lastCaseAt").toInstant()).isEqualTo(at("2026-03-09T10:00:00Z"));
        assertThat(alert.getString("detail")).isEqualTo("3 patients in ward ICU-1 with hospital-onset Staphylococcus aureus"
                + " (MRSA), case dates between 2026-03-05 and 2026-03-09: possible outbreak, check for cross-transmission.");
    }

    @Test
    void aFourthCaseJoinsTheOpenAlertInsteadOfRaisingAnother() {
        threeMrsaCases();
        platform.labResult(mrsa("L-4", "P-4", "2026-03-12T10:00:00Z"));
        platform.awaitQuiet();

        assertThat(platform.alertPayloads()).hasSize(2).last().isEqualTo(new ClusterCaseAdded(ICU1_MRSA_FIRST,
                new ClusterCase("lab-result:L-4", "P-4", at("2026-03-12T10:00:00Z"))));
        assertThat(platform.board()).singleElement()
                .satisfies(a -> assertThat(a.getInteger("caseCount")).isEqualTo(4))
                .satisfies(a -> assertThat(a.getDate("lastCaseAt").toInstant()).isEqualTo(at("2026-03-12T10:00:00Z")));
    }

    @Test
    void aPatientWithSeveralCasesCountsOnce() {
        platform.labResult(mrsa("L-1", "P-1", "2026-03-05T10:00:00Z"));
        platform.labResult(mrsa("L-2", "P-1", "2026-03-06T10:00:00Z"));
        platform.caseReport(hai("C-1", "P-1", "ICU-1", "staphylococcus aureus", "mrsa", "2026-03-06T06:00:00Z"));
        platform.labResult(mrsa("L-3", "P-2", "2026-03-07T10:00:00Z"));
        platform.awaitQuiet();
        assertThat(platform.alertEvents()).as("four cases but two patients").isEmpty();

        platform.labResult(mrsa("L-4", "P-3", "2026-03-08T10:00:00Z"));
        platform.awaitQuiet();
        Document alert = platform.boardAlert(ICU1_MRSA_FIRST);
        assertThat(alert.getInteger("caseCount")).isEqualTo(3);
        assertThat(alert.getList("patientIds", String.class)).containsExactly("P-1", "P-2", "P-3");
        assertThat(alert.getList("cases", Document.class)).extracting(c -> c.getString("source")).containsExactly(
                "lab-result:L-1", "case-report:C-1", "lab-result:L-2", "lab-result:L-3", "lab-result:L-4");
    }

    @Test
    void caseDatesFourteenCalendarDaysApartClusterFifteenDoNot() {
        // ICU-1: first and last 14 calendar dates apart (13 days 2 hours by the clock).
        platform.labResult(mrsa("A-1", "P-1", "2026-03-01T23:00:00Z"));
        platform.labResult(mrsa("A-2", "P-2", "2026-03-08T10:00:00Z"));
        platform.labResult(mrsa("A-3", "P-3", "2026-03-15T01:00:00Z"));
        // ICU-2: 15 calendar dates apart though only 14 days and 2 minutes by the clock.
        platform.labResult(culture("B-1", "P-4", "ICU-2", MRSA_ORGANISM, "MRSA", ADMITTED, at("2026-03-01T23:59:00Z")));
        platform.labResult(culture("B-2", "P-5", "ICU-2", MRSA_ORGANISM, "MRSA", ADMITTED, at("2026-03-08T10:00:00Z")));
        platform.labResult(culture("B-3", "P-6", "ICU-2", MRSA_ORGANISM, "MRSA", ADMITTED, at("2026-03-16T00:01:00Z")));
        platform.awaitQuiet();

        assertThat(platform.board(AlertType.CLUSTER)).singleElement().satisfies(a -> {
            assertThat(a.getString("wardId")).isEqualTo("ICU-1");
            assertThat(a.getInteger("caseCount")).isEqualTo(3);
        });
    }

    @Test
    void aDifferentPhenotypeIsADifferentKindOfCaseButSpellingIsNot() {
        platform.labResult(mrsa("L-1", "P-1", "2026-03-05T10:00:00Z"));
        platform.labResult(mrsa("L-2", "P-2", "2026-03-06T10:00:00Z"));
        platform.labResult(culture("L-3", "P-3", "ICU-1", MRSA_ORGANISM, null, ADMITTED, at("2026-03-07T10:00:00Z")));
        platform.labResult(culture("L-4", "P-4", "ICU-1", MRSA_ORGANISM, "VRE", ADMITTED, at("2026-03-07T10:00:00Z")));
        platform.awaitQuiet();
        assertThat(platform.alertEvents()).as("two MRSA, one without phenotype, one other phenotype").isEmpty();

        platform.labResult(culture("L-5", "P-5", "ICU-1", "  staphylococcus   AUREUS ", "mrsa ", ADMITTED,
                at("2026-03-08T10:00:00Z")));
        platform.awaitQuiet();
        assertThat(platform.board(AlertType.CLUSTER)).singleElement().satisfies(a -> {
            assertThat(a.getString("alertId")).isEqualTo(ICU1_MRSA_FIRST);
            assertThat(a.getString("organism")).as("spelled as in the earliest case").isEqualTo(MRSA_ORGANISM);
            assertThat(a.getList("patientIds", String.class)).containsExactly("P-1", "P-2", "P-5");
        });
    }

    @Test
    void aChainOfCasesSpanningMoreThanTheWindowIsNotACluster() {
        platform.labResult(mrsa("L-1", "P-1", "2026-03-01T10:00:00Z"));
        platform.labResult(mrsa("L-2", "P-2", "2026-03-10T10:00:00Z"));
        platform.labResult(mrsa("L-3", "P-3", "2026-03-19T10:00:00Z"));
        platform.awaitQuiet();
        assertThat(platform.alertEvents()).as("each within 9 days of the next, 18 from first to last").isEmpty();

        // Mar 1, 10 and 12 fall in [Feb 26, Mar 12]: the cluster forms on Mar 12 and the later Mar 19 case belongs to it.
        platform.labResult(mrsa("L-4", "P-4", "2026-03-12T10:00:00Z"));
        platform.awaitQuiet();
        assertThat(platform.boardAlert(ICU1_MRSA_FIRST).getList("patientIds", String.class))
                .containsExactly("P-1", "P-2", "P-3", "P-4");
    }

    @Test
    void aLateResultCollectedEarlierIsPlacedByItsOwnDate() {
        platform.labResult(mrsa("L-1", "P-1", "2026-03-20T10:00:00Z"));
        platform.labResult(mrsa("L-2", "P-2", "2026-03-22T10:00:00Z"));
        platform.labResult(culture("M-1", "P-4", "ICU-2", MRSA_ORGANISM, "MRSA", ADMITTED, at("2026-03-20T10:00:00Z")));
        platform.labResult(culture("M-2", "P-5", "ICU-2", MRSA_ORGANISM, "MRSA", ADMITTED, at("2026-03-22T10:00:00Z")));
        platform.awaitQuiet();

        platform.labResult(mrsa("L-3", "P-3", "2026-03-08T10:00:00Z")); // 14 days before the latest
        platform.labResult(culture("M-3", "P-6", "ICU-2", MRSA_ORGANISM, "MRSA", ADMITTED, at("2026-03-07T10:00:00Z"))); // 15
        platform.awaitQuiet();

        assertThat(platform.board(AlertType.CLUSTER)).singleElement().satisfies(a -> {
            assertThat(a.getString("wardId")).isEqualTo("ICU-1");
            assertThat(a.getDate("firstCaseAt").toInstant()).isEqualTo(at("2026-03-08T10:00:00Z"));
            assertThat(a.getDate("lastCaseAt").toInstant()).isEqualTo(at("2026-03-22T10:00:00Z"));
        });
    }

    @Test
    void aRetractedCaseReportIsWithdrawnFromTheAlert() {
        threeMrsaCases();
        platform.caseReport(hai("C-9", "P-9", "ICU-1", MRSA_ORGANISM, "MRSA", "2026-03-10T06:00:00Z"));
        platform.awaitQuiet();
        assertThat(platform.boardAlert(ICU1_MRSA_FIRST).getInteger("caseCount")).isEqualTo(4);

        platform.retract("C-9");
        platform.awaitQuiet();
        assertThat(platform.alertPayloads()).last().isEqualTo(new ClusterCaseWithdrawn(ICU1_MRSA_FIRST, "case-report:C-9"));
        Document alert = platform.boardAlert(ICU1_MRSA_FIRST);
        assertThat(alert.getInteger("caseCount")).isEqualTo(3);
        assertThat(alert.getList("patientIds", String.class)).containsExactly("P-1", "P-2", "P-3");
    }

    @Test
    void anAlertThatFallsBelowTheThresholdStaysOpenWithTheCasesThatStillCount() {
        platform.labResult(mrsa("L-1", "P-1", "2026-03-05T10:00:00Z"));
        platform.labResult(mrsa("L-2", "P-2", "2026-03-07T10:00:00Z"));
        platform.caseReport(hai("C-3", "P-3", "ICU-1", MRSA_ORGANISM, "MRSA", "2026-03-09T06:00:00Z"));
        platform.awaitQuiet();
        platform.retract("C-3");
        platform.awaitQuiet();

        Document alert = platform.boardAlert(ICU1_MRSA_FIRST);
        assertThat(alert.getString("status")).isEqualTo("OPEN");
        assertThat(alert.getList("patientIds", String.class)).containsExactly("P-1", "P-2");
        assertThat(alert.getString("detail")).startsWith("2 patients in ward ICU-1");

        // a new third patient brings the same alert back to three, no second alert
        platform.labResult(mrsa("L-4", "P-4", "2026-03-10T10:00:00Z"));
        platform.awaitQuiet();
        assertThat(platform.board()).singleElement()
                .satisfies(a -> assertThat(a.getList("patientIds", String.class)).containsExactly("P-1", "P-2", "P-4"));
    }

    @Test
    void amendmentsMoveCasesOutOfTheClusterOrChangeTheirDate() {
        threeMrsaCases();
        platform.labResult(mrsa("L-4", "P-4", "2026-03-10T10:00:00Z"));
        platform.labResult(mrsa("L-5", "P-5", "2026-03-11T10:00:00Z"));
        platform.labResult(mrsa("L-6", "P-6", "2026-03-12T10:00:00Z"));
        platform.awaitQuiet();
        assertThat(platform.boardAlert(ICU1_MRSA_FIRST).getInteger("caseCount")).isEqualTo(6);

        // another ward; admitted the day before collection (day 2: community onset); no growth after all
        platform.labResult(culture("L-4", "P-4", "ICU-2", MRSA_ORGANISM, "MRSA", ADMITTED, at("2026-03-10T10:00:00Z")));
        platform.labResult(culture("L-5", "P-5", "ICU-1", MRSA_ORGANISM, "MRSA", at("2026-03-10T08:00:00Z"),
                at("2026-03-11T10:00:00Z")));
        platform.labResult(Facts.negative(mrsa("L-6", "P-6", "2026-03-12T10:00:00Z")));
        // the collection time was mistyped
        platform.labResult(mrsa("L-3", "P-3", "2026-03-08T11:00:00Z"));
        platform.awaitQuiet();

        // The detector reconciles once per batch, so how these spread over membership updates depends on
        // where its batches ended; the dated case leaves before it joins again with its new date.
        List<Object> payloads = platform.alertPayloads();
        List<Object> last = payloads.subList(payloads.size() - 5, payloads.size());
        ClusterCaseWithdrawn l3Leaves = new ClusterCaseWithdrawn(ICU1_MRSA_FIRST, "lab-result:L-3");
        ClusterCaseAdded l3Joins = new ClusterCaseAdded(ICU1_MRSA_FIRST, new ClusterCase("lab-result:L-3", "P-3",
                at("2026-03-08T11:00:00Z")));
        assertThat(last).containsExactlyInAnyOrder(
                new ClusterCaseWithdrawn(ICU1_MRSA_FIRST, "lab-result:L-4"),
                new ClusterCaseWithdrawn(ICU1_MRSA_FIRST, "lab-result:L-5"),
                new ClusterCaseWithdrawn(ICU1_MRSA_FIRST, "lab-result:L-6"),
                l3Leaves, l3Joins);
        assertThat(last.indexOf(l3Leaves)).isLessThan(last.indexOf(l3Joins));
        Document alert = platform.boardAlert(ICU1_MRSA_FIRST);
        assertThat(alert.getList("patientIds", String.class)).containsExactly("P-1", "P-2", "P-3");
        assertThat(alert.getDate("lastCaseAt").toInstant()).isEqualTo(at("2026-03-08T11:00:00Z"));
    }

    @Test
    void onlyHospitalOnsetPositiveCulturesAndHaiReportsWithAnOrganismCount() {
        Instant admitted = at("2026-03-01T08:00:00Z");
        platform.labResult(culture("L-1", "P-1", "ICU-1", MRSA_ORGANISM, "MRSA", admitted, at("2026-03-03T00:30:00Z"))); // day 3
        platform.labResult(culture("L-2", "P-2", "ICU-1", MRSA_ORGANISM, "MRSA", admitted, at("2026-03-02T23:30:00Z"))); // day 2
        platform.caseReport(hai("C-3", "P-3", "ICU-1", null, null, "2026-03-04T06:00:00Z"));
        platform.caseReport(new CaseReport("C-4", "P-4", "ICU-1", CaseCategory.NOTIFIABLE, null, MRSA_ORGANISM, "MRSA",
                null, null, "MRSA carriage", at("2026-03-04T06:00:00Z")));
        platform.labResult(Facts.negative(mrsa("L-5", "P-5", "2026-03-04T10:00:00Z")));
        platform.caseReport(hai("C-6", "P-6", "ICU-1", MRSA_ORGANISM, "MRSA", "2026-03-05T06:00:00Z"));
        platform.awaitQuiet();
        assertThat(platform.alertEvents()).as("only P-1 and P-6 count").isEmpty();

        platform.labResult(mrsa("L-7", "P-7", "2026-03-06T10:00:00Z"));
        platform.awaitQuiet();
        assertThat(platform.boardAlert(ICU1_MRSA_FIRST).getList("patientIds", String.class))
                .containsExactly("P-1", "P-6", "P-7");
    }

    @Test
    void afterAClusterIsClosedItsCasesAreFrozenAndLaterCasesFormTheNextOne() {
        threeMrsaCases();
        platform.awaitQuiet();
        platform.nurse(new CloseAlert(ICU1_MRSA_FIRST, CloseOutcome.CONFIRMED_OUTBREAK, "same spa type"));
        platform.labResult(mrsa("L-4", "P-4", "2026-03-10T10:00:00Z"));
        platform.labResult(mrsa("L-5", "P-5", "2026-03-11T10:00:00Z"));
        platform.awaitQuiet();
        assertThat(platform.boardAlert(ICU1_MRSA_FIRST).getInteger("caseCount")).as("closed: frozen").isEqualTo(3);
        assertThat(platform.board()).as("two new patients are not yet a cluster").hasSize(1);

        platform.labResult(mrsa("L-6", "P-1", "2026-03-12T10:00:00Z")); // a patient of the closed cluster, a new case
        platform.awaitQuiet();
        Document second = platform.boardAlert(ICU1_MRSA_SECOND);
        assertThat(second).isNotNull();
        assertThat(second.getString("status")).isEqualTo("OPEN");
        assertThat(second.getList("patientIds", String.class)).containsExactly("P-1", "P-4", "P-5");
        assertThat(platform.boardAlert(ICU1_MRSA_FIRST).getString("status")).isEqualTo("CLOSED");
    }

    /** Three ICU-1 MRSA patients, 5, 7 and 9 March: raises the first cluster. */
    private void threeMrsaCases() {
        platform.labResult(mrsa("L-1", "P-1", "2026-03-05T10:00:00Z"));
        platform.labResult(mrsa("L-2", "P-2", "2026-03-07T10:00:00Z"));
        platform.labResult(mrsa("L-3", "P-3", "2026-03-09T10:00:00Z"));
        platform.awaitQuiet();
    }
}

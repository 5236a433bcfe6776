package org.hospital.surveillance.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.surveillance.app.alerts.AlertsApi.MRSA;
import static org.hospital.surveillance.app.alerts.AlertsApi.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Cluster alerts end to end: facts posted to the write API of the running platform, alerts read
 * from GET /api/alerts. Each test works in its own ward so they share one platform. Expected
 * values are counted by hand from the rule: 3 distinct patients, same ward, organism and
 * phenotype, first to last case date at most 14 calendar days apart.
 */
class ClusterAlertsApiTest extends RunningAlertsPlatform {

    @Test
    void theThirdPatientRaisesTheClusterAlertTheSecondDoesNot() {
        api.mrsa("ICU3-L1", "P-301", "ICU-3", "2026-03-05T10:00:00Z");
        api.mrsa("ICU3-L2", "P-302", "ICU-3", "2026-03-07T10:00:00Z");
        api.awaitQuiet();
        assertThat(api.alertsOfWard("ICU-3")).isEmpty();

        api.mrsa("ICU3-L3", "P-303", "ICU-3", "2026-03-09T10:00:00Z");
        long created = System.nanoTime();
        List<JsonNode> alerts = api.awaitAlerts("?wardId=ICU-3", a -> !a.isEmpty());
        long visibleAfterMillis = (System.nanoTime() - created) / 1_000_000;
        System.out.println("ALERT-LATENCY third case 201 -> alert in GET /api/alerts: " + visibleAfterMillis + " ms");

        assertThat(alerts).singleElement().satisfies(alert -> {
            // SHA-256 of "ICU-3|staphylococcus aureus|mrsa|1", first 12 hex digits (sha256sum)
            assertThat(alert.path("alertId").asText()).isEqualTo("CLU-4cf91e096d50");
            assertThat(alert.path("type").asText()).isEqualTo("CLUSTER");
            assertThat(alert.path("wardId").asText()).isEqualTo("ICU-3");
            assertThat(alert.path("organism").asText()).isEqualTo(MRSA);
            assertThat(alert.path("phenotype").asText()).isEqualTo("MRSA");
            assertThat(alert.path("caseCount").asInt()).isEqualTo(3);
            assertThat(texts(alert.path("patientIds"))).containsExactly("P-301", "P-302", "P-303");
            assertThat(alert.path("firstCaseAt").asText()).isEqualTo("2026-03-05T10:00:00Z");
            assertThat(alert.path("lastCaseAt").asText()).isEqualTo("2026-03-09T10:00:00Z");
            assertThat(alert.path("status").asText()).isEqualTo("OPEN");
            assertThat(alert.path("raisedAt").asText()).isNotBlank();
            assertThat(alert.path("detail").asText()).isEqualTo("3 patients in ward ICU-3 with hospital-onset"
                    + " Staphylococcus aureus (MRSA), case dates between 2026-03-05 and 2026-03-09: possible outbreak,"
                    + " check for cross-transmission.");
            assertThat(alert.has("sampleId")).isFalse();
            assertThat(alert.has("closedBy")).isFalse();
        });
    }

    @Test
    void aFourthCaseJoinsTheOpenAlert() {
        api.mrsa("JOIN-L1", "P-1", "JOIN", "2026-03-05T10:00:00Z");
        api.mrsa("JOIN-L2", "P-2", "JOIN", "2026-03-06T10:00:00Z");
        api.mrsa("JOIN-L3", "P-3", "JOIN", "2026-03-07T10:00:00Z");
        api.awaitAlerts("?wardId=JOIN", a -> a.size() == 1);
        api.mrsa("JOIN-L4", "P-4", "JOIN", "2026-03-12T10:00:00Z");

        List<JsonNode> alerts = api.awaitAlerts("?wardId=JOIN", a -> a.size() == 1 && a.get(0).path("caseCount").asInt() == 4);
        api.awaitQuiet();
        assertThat(api.alertsOfWard("JOIN")).singleElement().satisfies(alert -> {
            assertThat(texts(alert.path("patientIds"))).containsExactly("P-1", "P-2", "P-3", "P-4");
            assertThat(alert.path("lastCaseAt").asText()).isEqualTo("2026-03-12T10:00:00Z");
            assertThat(alert.path("alertId").asText()).isEqualTo(alerts.get(0).path("alertId").asText());
        });
    }

    @Test
    void thePatientWithTwoCulturesAndAReportCountsOnce() {
        api.mrsa("SAME-L1", "P-1", "SAME", "2026-03-05T10:00:00Z");
        api.mrsa("SAME-L2", "P-1", "SAME", "2026-03-06T10:00:00Z");
        api.haiReport("SAME-C1", "P-1", "SAME", "staphylococcus aureus", "mrsa", "2026-03-06T06:00:00Z");
        api.mrsa("SAME-L3", "P-2", "SAME", "2026-03-07T10:00:00Z");
        api.awaitQuiet();
        assertThat(api.alertsOfWard("SAME")).as("four cases, two patients").isEmpty();

        api.mrsa("SAME-L4", "P-3", "SAME", "2026-03-08T10:00:00Z");
        assertThat(api.awaitAlerts("?wardId=SAME", a -> !a.isEmpty())).singleElement().satisfies(alert -> {
            assertThat(alert.path("caseCount").asInt()).isEqualTo(3);
            assertThat(texts(alert.path("patientIds"))).containsExactly("P-1", "P-2", "P-3");
        });
    }

    @Test
    void casesFourteenCalendarDaysApartClusterFifteenDoNot() {
        api.mrsa("D14-L1", "P-1", "D14", "2026-03-01T23:00:00Z");
        api.mrsa("D14-L2", "P-2", "D14", "2026-03-08T10:00:00Z");
        api.mrsa("D14-L3", "P-3", "D14", "2026-03-15T01:00:00Z");
        api.mrsa("D15-L1", "P-4", "D15", "2026-03-01T23:59:00Z");
        api.mrsa("D15-L2", "P-5", "D15", "2026-03-08T10:00:00Z");
        api.mrsa("D15-L3", "P-6", "D15", "2026-03-16T00:01:00Z");

        assertThat(api.awaitAlerts("?wardId=D14", a -> !a.isEmpty())).singleElement()
                .satisfies(alert -> assertThat(alert.path("caseCount").asInt()).isEqualTo(3));
        api.awaitQuiet();
        assertThat(api.alertsOfWard("D15")).as("15 calendar days, though only 14 days and 2 minutes").isEmpty();
    }

    @Test
    void aPhenotypeDifferenceSplitsCasesButSpellingDoesNot() {
        api.mrsa("PHEN-L1", "P-1", "PHEN", "2026-03-05T10:00:00Z");
        api.mrsa("PHEN-L2", "P-2", "PHEN", "2026-03-06T10:00:00Z");
        api.labResult("PHEN-L3", "P-3", "PHEN", MRSA, null, "2026-03-07T10:00:00Z");
        api.labResult("PHEN-L4", "P-4", "PHEN", MRSA, "VISA", "2026-03-07T10:00:00Z");
        api.awaitQuiet();
        assertThat(api.alertsOfWard("PHEN")).isEmpty();

        api.labResult("PHEN-L5", "P-5", "PHEN", "staphylococcus  AUREUS", "mrsa", "2026-03-08T10:00:00Z");
        assertThat(api.awaitAlerts("?wardId=PHEN", a -> !a.isEmpty())).singleElement().satisfies(alert -> {
            assertThat(alert.path("phenotype").asText()).isEqualTo("MRSA");
            assertThat(texts(alert.path("patientIds"))).containsExactly("P-1", "P-2", "P-5");
        });
    }

    @Test
    void threeCasesChainedOverMoreThanFourteenDaysDoNotCluster() {
        api.mrsa("CHAIN-L1", "P-1", "CHAIN", "2026-03-01T10:00:00Z");
        api.mrsa("CHAIN-L2", "P-2", "CHAIN", "2026-03-10T10:00:00Z");
        api.mrsa("CHAIN-L3", "P-3", "CHAIN", "2026-03-19T10:00:00Z");
        api.awaitQuiet();
        assertThat(api.alertsOfWard("CHAIN")).as("9 days between neighbours, 18 from first to last").isEmpty();
    }

    @Test
    void aLateResultCollectedEarlierIsPlacedByItsCollectionDate() {
        api.mrsa("LATE-L1", "P-1", "LATE", "2026-03-20T10:00:00Z");
        api.mrsa("LATE-L2", "P-2", "LATE", "2026-03-22T10:00:00Z");
        api.awaitQuiet();
        api.mrsa("LATE-L3", "P-3", "LATE", "2026-03-08T10:00:00Z");

        assertThat(api.awaitAlerts("?wardId=LATE", a -> !a.isEmpty())).singleElement().satisfies(alert -> {
            assertThat(alert.path("firstCaseAt").asText()).isEqualTo("2026-03-08T10:00:00Z");
            assertThat(alert.path("lastCaseAt").asText()).isEqualTo("2026-03-22T10:00:00Z");
        });
    }

    @Test
    void aRetractedCaseReportIsWithdrawn() {
        api.mrsa("RETR-L1", "P-1", "RETR", "2026-03-05T10:00:00Z");
        api.mrsa("RETR-L2", "P-2", "RETR", "2026-03-06T10:00:00Z");
        api.mrsa("RETR-L3", "P-3", "RETR", "2026-03-07T10:00:00Z");
        api.haiReport("RETR-C4", "P-4", "RETR", MRSA, "MRSA", "2026-03-08T06:00:00Z");
        api.awaitAlerts("?wardId=RETR", a -> a.size() == 1 && a.get(0).path("caseCount").asInt() == 4);

        api.retract("RETR-C4");
        assertThat(api.awaitAlerts("?wardId=RETR", a -> a.size() == 1 && a.get(0).path("caseCount").asInt() == 3))
                .singleElement()
                .satisfies(alert -> assertThat(texts(alert.path("patientIds"))).containsExactly("P-1", "P-2", "P-3"));
    }

    /**
     * Two wards get the same facts, one in natural order, the other shuffled: CRE in the same ward on
     * 1, 4 and 9 March (cluster), 25 and 30 March (join while open), a report retracted; a VRE chain
     * on 2, 10 and 20 March (no cluster).
     */
    @Test
    void theSameFactsInShuffledOrderGiveTheSameAlerts() {
        for (String ward : List.of("ORDER-A", "ORDER-B")) {
            List<Consumer<String>> facts = new ArrayList<>(List.of(
                    w -> api.labResult(w + "-K1", "P-1", w, "Klebsiella pneumoniae", "CRE", "2026-03-01T10:00:00Z"),
                    w -> api.labResult(w + "-K2", "P-2", w, "Klebsiella pneumoniae", "CRE", "2026-03-04T10:00:00Z"),
                    w -> api.labResult(w + "-K3", "P-3", w, "Klebsiella pneumoniae", "CRE", "2026-03-09T10:00:00Z"),
                    w -> api.labResult(w + "-K4", "P-4", w, "Klebsiella pneumoniae", "CRE", "2026-03-25T10:00:00Z"),
                    w -> api.labResult(w + "-K5", "P-5", w, "Klebsiella pneumoniae", "CRE", "2026-03-30T10:00:00Z"),
                    w -> {
                        api.haiReport(w + "-C1", "P-9", w, "Klebsiella pneumoniae", "CRE", "2026-03-06T06:00:00Z");
                        api.retract(w + "-C1");
                    },
                    w -> api.labResult(w + "-V1", "P-6", w, "Enterococcus faecium", "VRE", "2026-03-02T10:00:00Z"),
                    w -> api.labResult(w + "-V2", "P-7", w, "Enterococcus faecium", "VRE", "2026-03-10T10:00:00Z"),
                    w -> api.labResult(w + "-V3", "P-8", w, "Enterococcus faecium", "VRE", "2026-03-20T10:00:00Z")));
            if (ward.equals("ORDER-B")) {
                Collections.shuffle(facts, new Random(7));
            }
            facts.forEach(fact -> fact.accept(ward));
        }
        api.awaitQuiet();

        for (String ward : List.of("ORDER-A", "ORDER-B")) {
            assertThat(api.alertsOfWard(ward)).as(ward).singleElement().satisfies(alert -> {
                assertThat(alert.path("organism").asText()).isEqualTo("Klebsiella pneumoniae");
                assertThat(alert.path("caseCount").asInt()).isEqualTo(5);
                assertThat(texts(alert.path("patientIds"))).containsExactly("P-1", "P-2", "P-3", "P-4", "P-5");
                assertThat(alert.path("firstCaseAt").asText()).isEqualTo("2026-03-01T10:00:00Z");
                assertThat(alert.path("lastCaseAt").asText()).isEqualTo("2026-03-30T10:00:00Z");
            });
        }
    }
}

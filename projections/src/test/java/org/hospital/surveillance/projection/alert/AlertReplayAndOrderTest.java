package org.hospital.surveillance.projection.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hospital.surveillance.projection.alert.Facts.ADMITTED;
import static org.hospital.surveillance.projection.alert.Facts.at;
import static org.hospital.surveillance.projection.alert.Facts.culture;
import static org.hospital.surveillance.projection.alert.Facts.hai;
import static org.hospital.surveillance.projection.alert.Facts.load;
import static org.hospital.surveillance.projection.alert.Facts.mrsa;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.bson.Document;
import org.hospital.surveillance.command.alert.AcknowledgeAlert;
import org.hospital.surveillance.command.alert.CloseAlert;
import org.hospital.surveillance.events.alert.CloseOutcome;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorResult;
import org.hospital.surveillance.events.sterilization.BowieDickResult;
import org.hospital.surveillance.events.sterilization.CycleType;
import org.hospital.surveillance.events.sterilization.IndicatorResult;
import org.hospital.surveillance.process.alert.AlertDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The alerts depend on the facts, not on their arrival order, and redelivered history raises nothing twice. */
class AlertReplayAndOrderTest {

    private static final String ICU1_MRSA_FIRST = "CLU-082847256002";

    /**
     * ICU-1 MRSA: 1, 4 and 9 March form the cluster (window 23 Feb - 9 Mar); 25 and 30 March join it while it is
     * open; the case report on 6 March is retracted. ICU-2 VRE: 2, 10 and 20 March, a chain spanning 18 days, no cluster.
     */
    private static List<Consumer<AlertPlatform>> facts() {
        return List.of(
                p -> p.labResult(mrsa("L-1", "P-1", "2026-03-01T10:00:00Z")),
                p -> p.labResult(mrsa("L-2", "P-2", "2026-03-04T10:00:00Z")),
                p -> p.labResult(mrsa("L-3", "P-3", "2026-03-09T10:00:00Z")),
                p -> p.labResult(mrsa("L-4", "P-4", "2026-03-25T10:00:00Z")),
                p -> p.labResult(mrsa("L-5", "P-5", "2026-03-30T10:00:00Z")),
                p -> {
                    p.caseReport(hai("C-1", "P-9", "ICU-1", "Staphylococcus aureus", "MRSA", "2026-03-06T06:00:00Z"));
                    p.retract("C-1");
                },
                p -> p.labResult(culture("V-1", "P-6", "ICU-2", "Enterococcus faecium", "VRE", ADMITTED, at("2026-03-02T10:00:00Z"))),
                p -> p.labResult(culture("V-2", "P-7", "ICU-2", "Enterococcus faecium", "VRE", ADMITTED, at("2026-03-10T10:00:00Z"))),
                p -> p.labResult(culture("V-3", "P-8", "ICU-2", "Enterococcus faecium", "VRE", ADMITTED, at("2026-03-20T10:00:00Z"))));
    }

    @ParameterizedTest(name = "arrival order shuffled with seed {0}")
    @ValueSource(longs = {0, 1, 2, 3})
    void theSameFactsInAnyOrderGiveTheSameAlerts(long seed) {
        List<Consumer<AlertPlatform>> facts = new ArrayList<>(facts());
        if (seed > 0) {
            Collections.shuffle(facts, new Random(seed));
        }
        try (AlertPlatform platform = new AlertPlatform()) {
            facts.forEach(fact -> fact.accept(platform));
            platform.awaitQuiet();

            assertThat(platform.board()).singleElement().satisfies(alert -> {
                assertThat(alert.getString("alertId")).isEqualTo(ICU1_MRSA_FIRST);
                assertThat(alert.getInteger("caseCount")).isEqualTo(5);
                assertThat(alert.getList("patientIds", String.class)).containsExactly("P-1", "P-2", "P-3", "P-4", "P-5");
                assertThat(alert.getDate("firstCaseAt").toInstant()).isEqualTo(at("2026-03-01T10:00:00Z"));
                assertThat(alert.getDate("lastCaseAt").toInstant()).isEqualTo(at("2026-03-30T10:00:00Z"));
            });
        }
    }

    @Test
    void redeliveringTheWholeHistoryToTheDetectorAppendsNothing() {
        try (AlertPlatform platform = new AlertPlatform()) {
            facts().forEach(fact -> fact.accept(platform));
            platform.environmentSample(Facts.airSample("E-1", 8.0));
            platform.sterilizationLoad(load("S1-001", CycleType.PREVACUUM_STEAM, BowieDickResult.PASS, IndicatorResult.PASS,
                    BiologicalIndicatorResult.PENDING));
            platform.biologicalReading("S1-001", IndicatorResult.FAIL, at("2026-03-04T07:00:00Z"));
            platform.awaitQuiet();
            platform.nurse(new CloseAlert(ICU1_MRSA_FIRST, CloseOutcome.CONFIRMED_OUTBREAK, null));
            // after the closing, new patients form the second cluster, which stays open; within it one
            // result is amended to another ward and one case report is retracted: redelivering their first
            // versions must not bring them back
            platform.labResult(mrsa("L-6", "P-10", "2026-04-02T10:00:00Z"));
            platform.labResult(mrsa("L-7", "P-11", "2026-04-03T10:00:00Z"));
            platform.labResult(mrsa("L-8", "P-12", "2026-04-04T10:00:00Z"));
            platform.caseReport(hai("C-2", "P-13", "ICU-1", "Staphylococcus aureus", "MRSA", "2026-04-05T06:00:00Z"));
            platform.labResult(mrsa("L-9", "P-14", "2026-04-06T10:00:00Z"));
            platform.awaitQuiet();
            platform.labResult(culture("L-9", "P-14", "ICU-2", "Staphylococcus aureus", "MRSA", ADMITTED,
                    at("2026-04-06T10:00:00Z")));
            platform.retract("C-2");
            platform.awaitQuiet();
            List<Object> before = platform.alertPayloads();
            assertThat(platform.board()).hasSize(4);
            assertThat(platform.boardAlert("CLU-84f5daeb1ccd").getList("patientIds", String.class))
                    .containsExactly("P-10", "P-11", "P-12");

            platform.redeliverEverything(AlertDetector.PROCESSING_GROUP);
            platform.awaitQuiet();
            platform.redeliverEverything(AlertDetector.PROCESSING_GROUP);
            platform.awaitQuiet();

            assertThat(platform.alertPayloads()).isEqualTo(before);
        }
    }

    /** A replay would send memberships of the past to live alerts: Axon refuses to reset the detector at all. */
    @Test
    void theDetectorRefusesAReplay() {
        try (AlertPlatform platform = new AlertPlatform()) {
            facts().forEach(fact -> fact.accept(platform));
            platform.awaitQuiet();
            long alertEvents = platform.alertPayloads().size();

            assertThatThrownBy(() -> platform.replay(AlertDetector.PROCESSING_GROUP))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("do not support a reset");
            platform.awaitQuiet();

            assertThat(platform.alertPayloads()).hasSize((int) alertEvents);
        }
    }

    @Test
    void theBoardShowsWhoActedAndRebuildsToTheSameDocumentsFromHistory() {
        try (AlertPlatform platform = new AlertPlatform()) {
            facts().forEach(fact -> fact.accept(platform));
            platform.environmentSample(Facts.airSample("E-1", 8.0));
            platform.awaitQuiet();
            platform.nurse(new AcknowledgeAlert(ICU1_MRSA_FIRST, "contact precautions in bay 2"));
            platform.nurse(new CloseAlert(ICU1_MRSA_FIRST, CloseOutcome.FALSE_ALARM, "different spa types"));
            platform.nurse(new AcknowledgeAlert("ENV-E-1", "resampling"));
            platform.awaitQuiet();

            Document cluster = platform.boardAlert(ICU1_MRSA_FIRST);
            assertThat(cluster.getString("status")).isEqualTo("CLOSED");
            assertThat(cluster.getString("acknowledgedBy")).isEqualTo("nurse1");
            assertThat(cluster.getString("closedBy")).isEqualTo("nurse1");
            assertThat(cluster.getString("outcome")).isEqualTo("FALSE_ALARM");
            assertThat(cluster.getString("note")).isEqualTo("different spa types");
            assertThat(cluster.getDate("acknowledgedAt")).isNotNull();
            assertThat(cluster.getDate("closedAt")).isAfterOrEqualTo(cluster.getDate("acknowledgedAt"));
            assertThat(cluster.getDate("updatedAt")).as("its last event, the closing").isEqualTo(cluster.getDate("closedAt"));
            Document environment = platform.boardAlert("ENV-E-1");
            assertThat(environment.getString("status")).isEqualTo("ACKNOWLEDGED");
            assertThat(environment.getString("note")).isEqualTo("resampling");
            assertThat(environment.getString("closedBy")).isNull();
            assertThat(platform.alertEvents()).filteredOn(e -> e.getPayload() instanceof org.hospital.surveillance.events.alert.ClusterAlertRaised)
                    .singleElement()
                    .satisfies(e -> assertThat(cluster.getDate("raisedAt").toInstant())
                            .isEqualTo(e.getTimestamp().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));

            Map<String, Document> before = byId(platform.board());
            long lastPositionBefore = before.values().stream()
                    .mapToLong(d -> d.getLong(AlertBoardProjection.FEED_POSITION)).max().orElseThrow();
            platform.replay(AlertBoardProjection.PROCESSING_GROUP);
            platform.awaitQuiet();
            Map<String, Document> after = byId(platform.board());
            // Rebuilt documents are new changes of the board: the alert stream sends them again.
            assertThat(after.values()).allSatisfy(d ->
                    assertThat(d.getLong(AlertBoardProjection.FEED_POSITION)).isGreaterThan(lastPositionBefore));
            assertThat(withoutFeedPosition(after)).isEqualTo(withoutFeedPosition(before));
        }
    }

    private static Map<String, Document> withoutFeedPosition(Map<String, Document> board) {
        Map<String, Document> copy = new TreeMap<>();
        board.forEach((id, d) -> {
            Document c = new Document(d);
            c.remove(AlertBoardProjection.FEED_POSITION);
            copy.put(id, c);
        });
        return copy;
    }

    private static Map<String, Document> byId(List<Document> documents) {
        Map<String, Document> byId = new TreeMap<>();
        documents.forEach(d -> byId.put(d.getString("_id"), d));
        return byId;
    }
}

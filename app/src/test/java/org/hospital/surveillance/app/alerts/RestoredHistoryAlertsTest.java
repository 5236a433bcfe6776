package org.hospital.surveillance.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.surveillance.app.alerts.AlertsApi.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.TempDirs;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A restored history is judged again by a detector that starts from scratch (no token, no state):
 * it must find every alert of that history as it was and append nothing to it. A repeat culture of
 * a patient already in a cluster joined the alert after it was raised; judging the facts one by
 * one against the alert's final membership would withdraw it and add it back.
 */
class RestoredHistoryAlertsTest {

    @Test
    void aRestoredHistoryWithARepeatCultureInAClusterGetsNoNewAlertEvents() throws Exception {
        Path originalDir = Files.createTempDirectory("restored-alerts-original");
        Path restoredDir = Files.createTempDirectory("restored-alerts-restored");
        try {
            Path zip;
            List<Map<String, Object>> alertEvents;
            try (Platform original = Platform.start(originalDir)) {
                AlertsApi api = new AlertsApi(original);
                // 1, 3 and 5 March: three patients within 14 days raise the alert.
                api.mrsa("R-L1", "P-1", "RESTORE", "2026-03-01T10:00:00Z");
                api.mrsa("R-L2", "P-2", "RESTORE", "2026-03-03T10:00:00Z");
                api.mrsa("R-L3", "P-3", "RESTORE", "2026-03-05T10:00:00Z");
                api.awaitQuiet();
                // 8 March: P-1's repeat culture joins the open alert (a fourth case, still three patients);
                // 9 March: a sample over its limit.
                api.mrsa("R-L4", "P-1", "RESTORE", "2026-03-08T10:00:00Z");
                api.airSample("R-E1", "RESTORE", 9.0);
                api.awaitQuiet();
                assertThat(api.alertsOfWard("RESTORE")).filteredOn(a -> a.path("type").asText().equals("CLUSTER"))
                        .singleElement().satisfies(alert -> assertThat(alert.path("caseCount").asInt()).isEqualTo(3));
                alertEvents = alertEvents(original);
                // raised with L1-L3, L4 added, and the environment alert
                assertThat(alertEvents).extracting(row -> row.get("PAYLOADTYPE").toString().replaceAll(".*\\.", ""))
                        .containsExactlyInAnyOrder("ClusterAlertRaised", "ClusterCaseAdded", "EnvironmentAlertRaised");

                JsonNode backup = AlertsApi.json(api.post("admin", "/api/backups", Map.of()).expectStatus().isCreated()
                        .expectBody(String.class).returnResult().getResponseBody());
                zip = originalDir.resolve("backups").resolve(backup.get("name").asText());
            }

            try (Platform restored = Platform.start(restoredDir, "surveillance.restore-from=" + zip)) {
                AlertsApi api = new AlertsApi(restored);
                api.awaitQuiet();

                assertThat(alertEvents(restored)).isEqualTo(alertEvents);
                assertThat(api.alertsOfWard("RESTORE")).filteredOn(a -> a.path("type").asText().equals("CLUSTER"))
                        .singleElement().satisfies(alert -> {
                            assertThat(texts(alert.path("patientIds"))).containsExactly("P-1", "P-2", "P-3");
                            assertThat(alert.path("lastCaseAt").asText()).isEqualTo("2026-03-08T10:00:00Z");
                        });

                // A new case after the restore is judged live again: it joins the alert.
                api.mrsa("R-L5", "P-5", "RESTORE", "2026-03-10T10:00:00Z");
                api.awaitAlerts("?wardId=RESTORE", alerts -> alerts.stream()
                        .anyMatch(a -> a.path("type").asText().equals("CLUSTER") && a.path("caseCount").asInt() == 4));
                assertThat(alertEvents(restored)).hasSize(alertEvents.size() + 1);
            }
        } finally {
            TempDirs.delete(originalDir);
            TempDirs.delete(restoredDir);
        }
    }

    /** The alert streams' events as stored: stream, sequence, type and payload. */
    private static List<Map<String, Object>> alertEvents(Platform platform) {
        return new JdbcTemplate(platform.bean(DataSource.class)).queryForList(
                "SELECT aggregateIdentifier, sequenceNumber, payloadType, payload"
                        + " FROM DomainEventEntry WHERE aggregateIdentifier LIKE 'alert:%' ORDER BY globalIndex").stream()
                .map(row -> {
                    Map<String, Object> readable = new LinkedHashMap<>(row);
                    readable.put("PAYLOAD", new String((byte[]) row.get("PAYLOAD"), StandardCharsets.UTF_8));
                    return readable;
                })
                .toList();
    }
}

package org.hospital.surveillance.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.surveillance.app.alerts.AlertsApi.texts;

import java.nio.file.Path;
import java.util.Map;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.PostgresDatabase;
import org.hospital.surveillance.process.alert.AlertDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detector's commands run inside its processor's unit of work, so the alert events commit in
 * the same JDBC transaction as its token: checked on the production database, PostgreSQL.
 */
class AlertsOnPostgresTest {

    @TempDir
    Path dataDir;

    @Test
    void aClusterIsRaisedJoinedClosedAndSurvivesRedeliveryOnPostgres() {
        try (PostgresDatabase database = PostgresDatabase.create();
             Platform platform = Platform.startOnPostgres(dataDir, database)) {
            AlertsApi api = new AlertsApi(platform);
            api.mrsa("PG-L1", "P-1", "PG", "2026-03-05T10:00:00Z");
            api.mrsa("PG-L2", "P-2", "PG", "2026-03-06T10:00:00Z");
            api.awaitQuiet();
            assertThat(api.alertsOfWard("PG")).isEmpty();

            api.mrsa("PG-L3", "P-3", "PG", "2026-03-07T10:00:00Z");
            api.mrsa("PG-L4", "P-4", "PG", "2026-03-08T10:00:00Z");
            String alertId = api.awaitOneClusterOf("PG", 4);
            api.post("nurse1", "/api/alerts/" + alertId + "/close", Map.of("outcome", "CONFIRMED_OUTBREAK"))
                    .expectStatus().isOk();
            api.mrsa("PG-L5", "P-5", "PG", "2026-03-09T10:00:00Z");
            api.awaitQuiet();
            assertThat(api.alertsOfWard("PG")).singleElement().satisfies(alert -> {
                assertThat(alert.path("status").asText()).isEqualTo("CLOSED");
                assertThat(texts(alert.path("patientIds"))).containsExactly("P-1", "P-2", "P-3", "P-4");
            });
            long alertEvents = api.alertEventCount();

            platform.redeliverEverything(AlertDetector.PROCESSING_GROUP);
            api.awaitQuiet();
            assertThat(api.alertEventCount()).isEqualTo(alertEvents);
        }
    }
}

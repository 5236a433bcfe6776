package org.hospital.surveillance.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.surveillance.app.alerts.AlertsApi.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.hospital.surveillance.projection.alert.AlertBoardProjection;
import org.hospital.surveillance.process.alert.AlertDetector;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Environment and sterilization-failure alerts, the nurses' acknowledge and close actions, and
 * replays, through the real HTTP API of the running platform.
 */
class AlertLifecycleApiTest extends RunningAlertsPlatform {

    @Test
    void anAirSampleAboveItsLimitRaisesAnEnvironmentAlertOneAtTheLimitDoesNot() {
        api.airSample("ENVW-E1", "ENVW", 4.0);
        api.airSample("ENVW-E2", "ENVW", 6.5);

        assertThat(api.awaitAlerts("?wardId=ENVW", a -> !a.isEmpty())).singleElement().satisfies(alert -> {
            assertThat(alert.path("alertId").asText()).isEqualTo("ENV-ENVW-E2");
            assertThat(alert.path("type").asText()).isEqualTo("ENVIRONMENT");
            assertThat(alert.path("sampleId").asText()).isEqualTo("ENVW-E2");
            assertThat(alert.path("status").asText()).isEqualTo("OPEN");
            assertThat(alert.path("detail").asText()).isEqualTo("Air (settle plate) sample ENVW-E2 in ward ENVW, collected"
                    + " 2026-03-03, measured 6.5 CFU/plate, above the limit of 4 CFU/plate: find the cause, disinfect and resample.");
            assertThat(alert.has("caseCount")).isFalse();
        });
        api.awaitQuiet();
        assertThat(api.alertsOfWard("ENVW")).hasSize(1);
    }

    @Test
    void aFailedLoadRaisesARecallAlertAndSoDoesABiologicalIndicatorFailingDaysLater() {
        api.sterilizationLoad("LC-1", "FAIL", "PENDING");
        api.sterilizationLoad("LC-2", "PASS", "PENDING");
        api.sterilizationLoad("LC-3", "PASS", "PENDING");
        assertThat(api.awaitAlerts("?type=STERILIZATION_FAILURE", a -> a.stream().anyMatch(x -> x.path("loadId").asText().equals("LC-1"))))
                .filteredOn(a -> a.path("loadId").asText().startsWith("LC-"))
                .singleElement()
                .satisfies(alert -> assertThat(texts(alert.path("failedIndicators"))).containsExactly("CHEMICAL_INDICATOR"));

        api.biologicalReading("LC-2", "FAIL");
        api.biologicalReading("LC-3", "PASS");
        List<JsonNode> alerts = api.awaitAlerts("?type=STERILIZATION_FAILURE",
                a -> a.stream().anyMatch(x -> x.path("loadId").asText().equals("LC-2")));
        api.awaitQuiet();
        assertThat(api.alerts("?type=STERILIZATION_FAILURE")).filteredOn(a -> a.path("loadId").asText().startsWith("LC-"))
                .extracting(a -> a.path("alertId").asText())
                .containsExactlyInAnyOrder("STER-LC-1", "STER-LC-2");
        JsonNode late = alerts.stream().filter(a -> a.path("loadId").asText().equals("LC-2")).findFirst().orElseThrow();
        assertThat(texts(late.path("failedIndicators"))).containsExactly("BIOLOGICAL_INDICATOR");
        assertThat(late.path("sterilizerId").asText()).isEqualTo("S9");
        assertThat(late.path("detail").asText()).isEqualTo("Load LC-2 of sterilizer S9, completed 2026-03-02, failed the"
                + " biological indicator: recall its items, they must not reach clinical departments.");
    }

    @Test
    void aNurseAcknowledgesAndClosesAnAlertTheLabMayNot() {
        api.airSample("ACT-E1", "ACT", 9.0);
        api.awaitAlerts("?wardId=ACT", a -> !a.isEmpty());

        actOn("lab1", "ENV-ACT-E1", "acknowledge", Map.of()).expectStatus().isForbidden();
        actOn("epi1", "ENV-ACT-E1", "close", Map.of("outcome", "FALSE_ALARM")).expectStatus().isForbidden();

        actOn("nurse1", "ENV-ACT-E1", "acknowledge", Map.of("note", "bay 4 cleaned, resample tomorrow"))
                .expectStatus().isOk()
                .expectBody().json("{\"alertId\":\"ENV-ACT-E1\",\"status\":\"ACKNOWLEDGED\"}", true);
        JsonNode acknowledged = api.awaitAlerts("?wardId=ACT&status=ACKNOWLEDGED", a -> !a.isEmpty()).get(0);
        assertThat(acknowledged.path("acknowledgedBy").asText()).isEqualTo("nurse1");
        assertThat(acknowledged.path("acknowledgedAt").asText()).isNotBlank();
        assertThat(acknowledged.path("note").asText()).isEqualTo("bay 4 cleaned, resample tomorrow");

        actOn("nurse1", "ENV-ACT-E1", "close", Map.of("outcome", "CONFIRMED_OUTBREAK", "note", "Aspergillus in the duct"))
                .expectStatus().isOk()
                .expectBody().json("{\"alertId\":\"ENV-ACT-E1\",\"status\":\"CLOSED\"}", true);
        actOn("nurse1", "ENV-ACT-E1", "close", Map.of("outcome", "CONFIRMED_OUTBREAK")).expectStatus().isOk();
        actOn("nurse1", "ENV-ACT-E1", "close", Map.of("outcome", "FALSE_ALARM"))
                .expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        JsonNode closed = api.awaitAlerts("?wardId=ACT&status=CLOSED", a -> !a.isEmpty()).get(0);
        assertThat(closed.path("closedBy").asText()).isEqualTo("nurse1");
        assertThat(closed.path("outcome").asText()).isEqualTo("CONFIRMED_OUTBREAK");
        assertThat(closed.path("note").asText()).isEqualTo("Aspergillus in the duct");
        assertThat(closed.path("acknowledgedBy").asText()).isEqualTo("nurse1");
    }

    @Test
    void anUnknownAlertIsA404AndAMissingOrWrongOutcomeA400NamingIt() {
        actOn("nurse1", "ENV-NOPE", "acknowledge", Map.of())
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        api.airSample("BAD-E1", "BAD", 9.0);
        api.awaitAlerts("?wardId=BAD", a -> !a.isEmpty());
        long before = api.alertEventCount();
        for (Map<String, String> body : List.of(Map.<String, String>of(), Map.of("outcome", "MAYBE"))) {
            actOn("nurse1", "ENV-BAD-E1", "close", body)
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("outcome");
        }
        assertThat(api.alertEventCount()).isEqualTo(before);
    }

    @Test
    void anInvalidFilterIsA400NamingTheParameter() {
        platform.as("nurse1").get().uri("/api/alerts?status=SOLVED").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("status");
        platform.as("nurse1").get().uri("/api/alerts?type=OUTBREAK").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("type");
    }

    @Test
    void redeliveringHistoryToTheDetectorRaisesNothingNewAndRebuildingTheBoardGivesTheSameAnswer() {
        api.mrsa("RPL-L1", "P-1", "RPL", "2026-03-05T10:00:00Z");
        api.mrsa("RPL-L2", "P-2", "RPL", "2026-03-06T10:00:00Z");
        api.mrsa("RPL-L3", "P-3", "RPL", "2026-03-07T10:00:00Z");
        api.haiReport("RPL-C4", "P-4", "RPL", AlertsApi.MRSA, "MRSA", "2026-03-08T06:00:00Z");
        api.airSample("RPL-E1", "RPL", 12.0);
        api.awaitQuiet();
        api.retract("RPL-C4");
        api.mrsa("RPL-L3", "P-3", "RPL-OTHER", "2026-03-07T10:00:00Z"); // amended to another ward
        api.awaitQuiet();
        assertThat(api.alertsOfWard("RPL")).filteredOn(a -> a.path("type").asText().equals("CLUSTER")).singleElement()
                .satisfies(a -> assertThat(texts(a.path("patientIds"))).containsExactly("P-1", "P-2"));
        long alertEvents = api.alertEventCount();
        List<JsonNode> board = api.alerts("");

        platform.redeliverEverything(AlertDetector.PROCESSING_GROUP);
        api.awaitQuiet();
        platform.redeliverEverything(AlertDetector.PROCESSING_GROUP);
        api.awaitQuiet();
        assertThat(api.alertEventCount()).as("every event redelivered twice, nothing appended").isEqualTo(alertEvents);

        platform.replay(AlertBoardProjection.PROCESSING_GROUP);
        api.awaitQuiet();
        assertThat(api.alerts("")).isEqualTo(board);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec actOn(
            String user, String alertId, String action, Map<String, String> body) {
        return api.post(user, "/api/alerts/" + alertId + "/" + action, body);
    }
}

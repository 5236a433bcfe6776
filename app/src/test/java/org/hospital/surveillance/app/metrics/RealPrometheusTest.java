package org.hospital.surveillance.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.hospital.surveillance.app.support.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's binary; missing is a failure, not a skip) scraping the running
 * platform on loopback with the repository's scrape job and alerting rules, read back through
 * Prometheus's own HTTP API: the indicator values and the compliance alerts they raise.
 */
class RealPrometheusTest {

    @TempDir
    static Path dataDir;
    @TempDir
    static Path prometheusDir;
    static Platform platform;
    static PrometheusServer prometheus;

    @BeforeAll
    static void start() throws Exception {
        PrometheusServer.binary();
        platform = Platform.start(dataDir, HospitalClockFixture.PROPERTY, "surveillance.metrics.indicator-refresh=200ms");
        MarchFacts.post(platform);
        MarchFacts.actOnAlerts(platform);
        platform.awaitProjectionsCaughtUp();
        prometheus = PrometheusServer.start("127.0.0.1:" + platform.port(), prometheusDir);
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void prometheusScrapesThePlatformAndAnswersAnIndicator() {
        Awaitility.await("Prometheus has the ICU-1 AIR compliance").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonNode result = prometheus.query(
                            "surveillance_environment_compliance_ratio{ward=\"ICU-1\",sample_type=\"AIR\"}");
                    assertThat(result).hasSize(1);
                    assertThat(result.get(0).path("metric").path("job").asText()).isEqualTo("infection-surveillance");
                    // Two of ICU-1's four AIR samples were within the limit.
                    assertThat(result.get(0).path("value").get(1).asDouble()).isEqualTo(0.5);
                });
        Awaitility.await("S1's pass ratio").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(prometheus.query("surveillance_sterilization_passed_loads{sterilizer=\"S1\"}")
                        .get(0).path("value").get(1).asDouble()).isEqualTo(2.0));
    }

    @Test
    void theTargetIsUpAndTheComplianceRulesFireWhereTheMonthIsUnderTarget() throws Exception {
        Awaitility.await("the platform is an up target").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonNode targets = prometheus.targets();
                    assertThat(targets).hasSize(1);
                    assertThat(targets.get(0).path("health").asText()).isEqualTo("up");
                    assertThat(targets.get(0).path("scrapeUrl").asText())
                            .isEqualTo("http://127.0.0.1:" + platform.port() + "/actuator/prometheus");
                });
        Awaitility.await("compliance alerts fire").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(firing("SurveillanceEnvironmentComplianceBelowTarget"))
                        .containsExactlyInAnyOrder("ICU-1/AIR", "OR-2/STERILIZED_ITEM"));
        // S1 passed 2 of 3 decided loads against 100 %; S2 passed its one.
        Awaitility.await("sterilization compliance alert fires").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(firing("SurveillanceSterilizationComplianceBelowTarget")).containsExactly("S1"));
        assertThat(firing("SurveillanceDown")).isEmpty();
    }

    @Test
    void theClinicalAlertsReachPrometheusAsTheyStandOnTheBoard() {
        // The ICU-1 cluster and the failed LOAD-3 are open: both rules fire, the cluster one naming its ward.
        Awaitility.await("clinical alerts fire").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    assertThat(firingWards("SurveillanceClusterAlertOpen")).containsExactly("ICU-1");
                    assertThat(firingWards("SurveillanceSterilizationFailure")).hasSize(1);
                });
    }

    private static List<String> firingWards(String alertName) throws Exception {
        List<String> wards = new ArrayList<>();
        for (JsonNode alert : prometheus.alerts()) {
            JsonNode labels = alert.path("labels");
            if (alertName.equals(labels.path("alertname").asText()) && "firing".equals(alert.path("state").asText())) {
                wards.add(labels.path("ward").asText());
            }
        }
        return wards;
    }

    /** The firing alerts of one rule, each as ward/sample_type or sterilizer. */
    private static List<String> firing(String alertName) throws Exception {
        List<String> firing = new ArrayList<>();
        for (JsonNode alert : prometheus.alerts()) {
            JsonNode labels = alert.path("labels");
            if (alertName.equals(labels.path("alertname").asText()) && "firing".equals(alert.path("state").asText())) {
                firing.add(labels.has("sterilizer") ? labels.path("sterilizer").asText()
                        : labels.path("ward").asText() + "/" + labels.path("sample_type").asText());
            }
        }
        return firing;
    }
}

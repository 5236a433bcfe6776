package org.hospital.surveillance.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.hospital.surveillance.app.support.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

/**
 * The indicators on {@code /actuator/prometheus} after a known month of facts posted through the
 * real HTTP API ({@link MarchFacts}); every expected value below is worked out by hand from those
 * facts. The platform's clock is the 31st of March, so March is "the current month".
 */
class IndicatorMetricsTest {

    @TempDir
    static Path dataDir;
    static Platform platform;
    static Scrape scrape;

    @BeforeAll
    static void postTheMonthAndScrape() {
        platform = Platform.start(dataDir, HospitalClockFixture.PROPERTY, "surveillance.metrics.indicator-refresh=200ms");
        MarchFacts.post(platform);
        MarchFacts.actOnAlerts(platform);
        platform.awaitProjectionsCaughtUp();
        // The gauges refresh on their own thread: wait for a refresh that saw every projection caught up.
        Awaitility.await("indicators show the month").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Scrape.of(platform).valueOr(-1, "surveillance_sterilization_passed_loads", "sterilizer", "S1") == 2.0
                        && Scrape.of(platform).valueOr(-1, "surveillance_environment_samples", "ward", "OR-2") == 2.0
                        && Scrape.of(platform).valueOr(-1, "surveillance_hai_cases", "ward", "ICU-1") == 2.0
                        && Scrape.of(platform).valueOr(-1, "surveillance_alerts_acknowledged", "type", "ENVIRONMENT", "ward", "ICU-1") == 1.0
                        && Scrape.of(platform).valueOr(-1, "surveillance_alerts_open", "type", "ENVIRONMENT", "ward", "OR-2") == 0.0);
        long settledAt = System.currentTimeMillis();
        Awaitility.await("a refresh after the projections caught up").atMost(Duration.ofSeconds(30))
                .until(() -> Scrape.of(platform).value("surveillance_indicators_refreshed_timestamp_seconds") * 1000 > settledAt);
        scrape = Scrape.of(platform);
        System.out.printf("scrape: %d bytes, %d samples%n", scrape.text().length(), scrape.samples().size());
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void haiIncidencePerWardForTheCurrentMonth() {
        // ICU-1: March census (18, 2) and the corrected 2nd (22, 3); February's day is out. Cases: CLABSI + VAE;
        // the retracted UTI, the February SSI and the notifiable disease do not count.
        assertThat(value("surveillance_hai_cases", "ward", "ICU-1")).isEqualTo(2);
        assertThat(value("surveillance_patient_days", "ward", "ICU-1")).isEqualTo(40);
        assertThat(value("surveillance_admissions", "ward", "ICU-1")).isEqualTo(5);
        assertThat(value("surveillance_hai_incidence_density_per_1000_patient_days", "ward", "ICU-1")).isEqualTo(50.0);
        assertThat(value("surveillance_hai_incidence_ratio", "ward", "ICU-1")).isEqualTo(0.4);
        assertThat(value("surveillance_hai_incidence_target_ratio")).isEqualTo(0.08);
        // NICU: census without cases is a density of 0, and without admissions no cumulative incidence at all.
        assertThat(value("surveillance_hai_cases", "ward", "NICU")).isZero();
        assertThat(value("surveillance_patient_days", "ward", "NICU")).isEqualTo(10);
        assertThat(value("surveillance_hai_incidence_density_per_1000_patient_days", "ward", "NICU")).isZero();
        assertThat(scrape.find("surveillance_hai_incidence_ratio", "ward", "NICU")).isEmpty();
        // OR-2 has samples but neither census nor cases: no rate row.
        assertThat(scrape.find("surveillance_patient_days", "ward", "OR-2")).isEmpty();
    }

    @Test
    void deviceAssociatedRatesPerWardAndDevice() {
        assertThat(value("surveillance_device_associated_hai_cases", "ward", "ICU-1", "device", "CENTRAL_LINE")).isEqualTo(1);
        assertThat(value("surveillance_device_days", "ward", "ICU-1", "device", "CENTRAL_LINE")).isEqualTo(12);
        assertThat(value("surveillance_device_associated_rate_per_1000_device_days", "ward", "ICU-1", "device", "CENTRAL_LINE"))
                .isEqualTo(83.333);
        assertThat(value("surveillance_device_associated_hai_cases", "ward", "ICU-1", "device", "URINARY_CATHETER")).isZero();
        assertThat(value("surveillance_device_days", "ward", "ICU-1", "device", "URINARY_CATHETER")).isEqualTo(15);
        assertThat(value("surveillance_device_associated_rate_per_1000_device_days", "ward", "ICU-1", "device", "URINARY_CATHETER"))
                .isZero();
        assertThat(value("surveillance_device_associated_hai_cases", "ward", "ICU-1", "device", "VENTILATOR")).isEqualTo(1);
        assertThat(value("surveillance_device_days", "ward", "ICU-1", "device", "VENTILATOR")).isEqualTo(9);
        assertThat(value("surveillance_device_associated_rate_per_1000_device_days", "ward", "ICU-1", "device", "VENTILATOR"))
                .isEqualTo(111.111);
        // No device-days: no rate.
        assertThat(value("surveillance_device_days", "ward", "NICU", "device", "VENTILATOR")).isZero();
        assertThat(scrape.find("surveillance_device_associated_rate_per_1000_device_days", "ward", "NICU")).isEmpty();
    }

    @Test
    void environmentalCompliancePerWardAndSampleTypeAgainstItsTarget() {
        // AIR: 2.0 and 4.0 (at the limit) pass; 4.1 and the sample amended from 1.0 to 5.0 fail.
        assertThat(value("surveillance_environment_samples", "ward", "ICU-1", "sample_type", "AIR")).isEqualTo(4);
        assertThat(value("surveillance_environment_compliant_samples", "ward", "ICU-1", "sample_type", "AIR")).isEqualTo(2);
        assertThat(value("surveillance_environment_compliance_ratio", "ward", "ICU-1", "sample_type", "AIR")).isEqualTo(0.5);
        assertThat(value("surveillance_environment_compliance_target_ratio", "ward", "ICU-1", "sample_type", "AIR")).isEqualTo(0.98);
        assertThat(value("surveillance_environment_compliance_ratio", "ward", "ICU-1", "sample_type", "HANDS")).isEqualTo(1.0);
        assertThat(value("surveillance_environment_compliance_target_ratio", "ward", "ICU-1", "sample_type", "HANDS")).isEqualTo(0.98);
        assertThat(value("surveillance_environment_samples", "ward", "OR-2", "sample_type", "STERILIZED_ITEM")).isEqualTo(2);
        assertThat(value("surveillance_environment_compliance_ratio", "ward", "OR-2", "sample_type", "STERILIZED_ITEM")).isEqualTo(0.5);
        assertThat(value("surveillance_environment_compliance_target_ratio", "ward", "OR-2", "sample_type", "STERILIZED_ITEM"))
                .isEqualTo(1.0);
        assertThat(scrape.find("surveillance_environment_samples")).hasSize(3);
    }

    @Test
    void sterilizationCompliancePerSterilizerWithPendingLoadsApart() {
        // S1: LOAD-1 passed, LOAD-2 passed on its late reading, LOAD-3 failed (pre-vacuum without Bowie-Dick), LOAD-4 pending.
        assertThat(value("surveillance_sterilization_loads", "sterilizer", "S1")).isEqualTo(3);
        assertThat(value("surveillance_sterilization_passed_loads", "sterilizer", "S1")).isEqualTo(2);
        assertThat(value("surveillance_sterilization_pending_loads", "sterilizer", "S1")).isEqualTo(1);
        assertThat(value("surveillance_sterilization_compliance_ratio", "sterilizer", "S1")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(value("surveillance_sterilization_compliance_target_ratio", "sterilizer", "S1")).isEqualTo(1.0);
        // S2: a plasma load needs no Bowie-Dick test.
        assertThat(value("surveillance_sterilization_loads", "sterilizer", "S2")).isEqualTo(1);
        assertThat(value("surveillance_sterilization_compliance_ratio", "sterilizer", "S2")).isEqualTo(1.0);
    }

    @Test
    void alertsOnTheBoardByTypeAndWard() {
        // ICU-1: SMP-103 acknowledged, SMP-104 (amended above its limit) open; OR-2: SMP-107 closed, so 0 and 0.
        assertThat(value("surveillance_alerts_open", "type", "ENVIRONMENT", "ward", "ICU-1")).isEqualTo(1);
        assertThat(value("surveillance_alerts_acknowledged", "type", "ENVIRONMENT", "ward", "ICU-1")).isEqualTo(1);
        assertThat(value("surveillance_alerts_open", "type", "ENVIRONMENT", "ward", "OR-2")).isZero();
        assertThat(value("surveillance_alerts_acknowledged", "type", "ENVIRONMENT", "ward", "OR-2")).isZero();
        // One cluster in ICU-1 (three patients, four cases); the failed load belongs to no ward.
        assertThat(value("surveillance_alerts_open", "type", "CLUSTER", "ward", "ICU-1")).isEqualTo(1);
        assertThat(value("surveillance_alerts_open", "type", "STERILIZATION_FAILURE", "ward", "none")).isEqualTo(1);
        assertThat(scrape.find("surveillance_alerts_open")).hasSize(4);
        assertThat(scrape.find("surveillance_alerts_acknowledged")).hasSize(4);
    }

    @Test
    void factsAcceptedCountWhatWasAppendedAndCommandsAreTimedByAxon() {
        // Census: four new days, one correction. Cases: five reports and a retraction. Samples: seven and an
        // amendment. Loads: five (the unchanged resubmission appended nothing) and one late reading.
        assertThat(accepted("ward-census")).isEqualTo(5);
        assertThat(value("surveillance_facts_accepted_total", "stream", "ward-census", "event", "WardCensusCorrected")).isEqualTo(1);
        assertThat(accepted("case-report")).isEqualTo(6);
        assertThat(accepted("environment-sample")).isEqualTo(8);
        assertThat(value("surveillance_facts_accepted_total", "stream", "environment-sample", "event", "EnvironmentSampleAmended"))
                .isEqualTo(1);
        assertThat(accepted("sterilization-load")).isEqualTo(6);
        assertThat(accepted("lab-result")).isEqualTo(3);
        // Alerts the platform raised itself (SYSTEM) and the two nurse actions (HTTP).
        assertThat(value("surveillance_facts_accepted_total", "stream", "alert", "event", "EnvironmentAlertRaised", "channel", "SYSTEM"))
                .isEqualTo(3);
        assertThat(value("surveillance_facts_accepted_total", "stream", "alert", "event", "SterilizationFailureAlertRaised",
                "channel", "SYSTEM")).isEqualTo(1);
        assertThat(value("surveillance_facts_accepted_total", "stream", "alert", "event", "AlertAcknowledged", "channel", "HTTP"))
                .isEqualTo(1);
        assertThat(value("surveillance_facts_accepted_total", "stream", "alert", "event", "AlertClosed", "channel", "HTTP"))
                .isEqualTo(1);
        // Every submission is one command, the duplicate included.
        assertThat(value("commandBus_allTimer_seconds_count", "payloadType", "RecordWardCensus")).isEqualTo(5);
        assertThat(value("commandBus_allTimer_seconds_count", "payloadType", "RecordSterilizationLoad")).isEqualTo(6);
        assertThat(value("commandBus_allTimer_seconds_sum", "payloadType", "RecordSterilizationLoad")).isPositive();
        // Command latency as buckets (summed over instances by histogram_quantile), not client-side quantiles.
        assertThat(scrape.find("commandBus_allTimer_seconds_bucket", "payloadType", "RecordEnvironmentSample")).hasSize(12);
        assertThat(value("commandBus_allTimer_seconds_bucket", "payloadType", "RecordEnvironmentSample", "le", "+Inf"))
                .isEqualTo(8);
        assertThat(scrape.find("commandBus_allTimer_seconds", "quantile", "0.99")).isEmpty();
    }

    @Test
    void rejectedWritesCountByStreamAndReason() {
        Scrape before = Scrape.of(platform);
        platform.as("nurse1").post().uri("/api/ward-census").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isBadRequest();
        platform.as("nurse1").post().uri("/api/environment-samples").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"sampleId\":\"SMP-900\",\"wardId\":\"ICU-1\",\"sampleType\":\"AIR\",\"environmentClass\":\"II\","
                        + "\"cfu\":-1,\"collectedAt\":\"2026-03-03T09:00:00Z\"}")
                .exchange().expectStatus().isBadRequest();
        platform.as("nurse1").post().uri("/api/sterilization-loads/LOAD-404/biological-indicator")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"result\":\"PASS\",\"readAt\":\"2026-03-03T07:00:00Z\"}")
                .exchange().expectStatus().isNotFound();
        // CASE-303 was retracted: submitting it again is a conflict, it stays retracted.
        platform.as("nurse1").post().uri("/api/case-reports").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"caseId":"CASE-303","patientId":"PAT-9003","wardId":"ICU-1","category":"HAI","infectionSite":"UTI",
                 "onsetAt":"2026-03-12T06:00:00Z","deviceAssociation":"URINARY_CATHETER"}""")
                .exchange().expectStatus().isEqualTo(409);
        platform.anonymous().post().uri("/api/lab-results").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isUnauthorized();

        Scrape after = Scrape.of(platform);
        assertThat(rejected(after, "ward-census", "validation") - rejected(before, "ward-census", "validation")).isEqualTo(1);
        assertThat(rejected(after, "environment-sample", "validation") - rejected(before, "environment-sample", "validation"))
                .isEqualTo(1);
        assertThat(rejected(after, "sterilization-load", "not_found") - rejected(before, "sterilization-load", "not_found"))
                .isEqualTo(1);
        assertThat(rejected(after, "case-report", "conflict") - rejected(before, "case-report", "conflict")).isEqualTo(1);
        assertThat(rejected(after, "lab-result", "unauthorized") - rejected(before, "lab-result", "unauthorized")).isEqualTo(1);
        double all = after.find("surveillance_facts_rejected_total").stream().mapToDouble(Scrape.Sample::value).sum()
                - before.find("surveillance_facts_rejected_total").stream().mapToDouble(Scrape.Sample::value).sum();
        assertThat(all).isEqualTo(5);
        assertThat(after.text()).doesNotContain("SMP-900", "LOAD-404");
    }

    @Test
    void noPatientOrFactIdentifierAppearsAnywhereInTheOutput() {
        String text = Scrape.of(platform).text();
        for (String identifier : MarchFacts.IDENTIFIERS) {
            assertThat(text).as("scrape output").doesNotContain(identifier);
        }
        // Nor in any label of any sample: only the bounded tags.
        Set<String> labels = new TreeSet<>();
        scrape.samples().forEach(sample -> labels.addAll(sample.labels().keySet()));
        assertThat(labels).doesNotContain("patient", "patientId", "patient_id", "sampleId", "loadId", "caseId", "alertId");
    }

    @Test
    void dashboardsAndAlertingRulesNameOnlyMetricsThePlatformExports() {
        Set<String> exported = Scrape.of(platform).names();
        Set<String> referenced = new TreeSet<>();
        DeployFiles.dashboardExpressions().forEach(expr -> referenced.addAll(PromQl.metricNames(expr)));
        DeployFiles.ruleExpressions().forEach(expr -> referenced.addAll(PromQl.metricNames(expr)));
        // "up" is Prometheus's own series about the scrape.
        referenced.remove("up");
        assertThat(referenced).as("metrics the dashboards and rules use").hasSizeGreaterThan(25);
        assertThat(exported).as("metrics the platform exports").containsAll(referenced);
    }

    private static double rejected(Scrape scrape, String stream, String reason) {
        return scrape.value("surveillance_facts_rejected_total", "stream", stream, "reason", reason);
    }

    private static double accepted(String stream) {
        return scrape.find("surveillance_facts_accepted_total", "stream", stream).stream()
                .mapToDouble(Scrape.Sample::value).sum();
    }

    private static double value(String name, String... labels) {
        return scrape.value(name, labels);
    }
}

package org.hospital.surveillance.app.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.SharedPlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * How the figures follow a fact that changes after it was counted, step by step through the
 * running platform, and how long a fact takes to show (measured, not asserted).
 */
@ExtendWith(SharedPlatform.class)
class FigureChangesIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(FigureChangesIntegrationTest.class);

    static Platform platform;

    @BeforeAll
    static void start(SharedPlatform shared) {
        platform = shared.get();
    }

    @Test
    void aCensusCorrectionReplacesTheDayAndARetractedCaseLeavesTheRates() {
        post("/api/ward-census", census("EDGE-1", "2026-06-01", 10, 2), 201);
        post("/api/case-reports", hai("C-E1", "EDGE-1", "2026-06-05T10:00:00Z"), 201);
        // 1 case / 10 patient-days * 1000 = 100.0; 1 / 2 admissions * 100 = 50.0; no device-days: null.
        assertRates("2026-06", "EDGE-1", withoutDeviceDays("EDGE-1", "2026-06", 1, 10, 2, "100.0", "50.0"));

        post("/api/ward-census", census("EDGE-1", "2026-06-01", 12, 4), 200);
        // The corrected day replaces the first: 12 patient-days, 4 admissions (not 22 and 6).
        // 1/12*1000 = 83.333..; 1/4*100 = 25.0.
        assertRates("2026-06", "EDGE-1", withoutDeviceDays("EDGE-1", "2026-06", 1, 12, 4, "83.333", "25.0"));

        platform.as("nurse1").post().uri("/api/case-reports/C-E1/retraction").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "duplicate report")).exchange().expectStatus().is2xxSuccessful();
        // The ward keeps its row (it has census), with no case: 0/12 = 0.0, 0/4 = 0.0.
        assertRates("2026-06", "EDGE-1", withoutDeviceDays("EDGE-1", "2026-06", 0, 12, 4, "0.0", "0.0"));
    }

    @Test
    void anAmendedOnsetMovesTheCaseToItsNewMonthWhereNoCensusMeansNullRates() {
        post("/api/case-reports", hai("C-E2", "EDGE-2", "2026-06-10T10:00:00Z"), 201);
        assertRates("2026-06", "EDGE-2", withoutDeviceDays("EDGE-2", "2026-06", 1, 0, 0, "null", "null"));

        post("/api/case-reports", hai("C-E2", "EDGE-2", "2026-07-01T10:00:00Z"), 200);

        // June has no fact of EDGE-2 left: no row. July: 1 case, 0 patient-days: null rates.
        assertRates("2026-06", "EDGE-2", "[]");
        assertRates("2026-07", "EDGE-2", withoutDeviceDays("EDGE-2", "2026-07", 1, 0, 0, "null", "null"));
    }

    @Test
    void aSampleExactlyAtItsLimitIsCompliant() {
        // AIR class III: limit 4.0 per plate; 4.0 is at the limit.
        Map<String, Object> sample = new LinkedHashMap<>(Map.of("sampleId", "E-E1", "wardId", "EDGE-3", "sampleType", "AIR",
                "environmentClass", "III", "cfu", 4.0, "collectedAt", "2026-06-03T09:00:00Z"));
        platform.as("nurse1").post().uri("/api/environment-samples").contentType(MediaType.APPLICATION_JSON).bodyValue(sample)
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.compliant").isEqualTo(true).jsonPath("$.limit").isEqualTo(4.0);
        platform.awaitProjectionsCaughtUp();

        platform.as("nurse1").get().uri("/api/compliance?month=2026-06&wardId=EDGE-3").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        [{"wardId":"EDGE-3","month":"2026-06","sampleType":"AIR","samples":1,"compliant":1,"ratePercent":100.0,"targetPercent":98.0,"met":true}]""",
                        JsonCompareMode.STRICT);
    }

    @Test
    void aPendingLoadStaysOutOfTheRateUntilItsLateReading() {
        post("/api/sterilization-loads", Map.of("loadId", "E-S1", "sterilizerId", "EDGE-S", "cycleType", "PREVACUUM_STEAM",
                "completedAt", "2026-06-02T07:00:00Z", "bowieDick", "PASS", "chemicalIndicator", "PASS",
                "biologicalIndicator", "PENDING", "packs", 12), 201);
        assertSterilization("2026-06", """
                [{"sterilizerId":"EDGE-S","month":"2026-06","loads":0,"passed":0,"pending":1,"ratePercent":null,"targetPercent":100.0,"met":null}]""");

        platform.as("nurse1").post().uri("/api/sterilization-loads/E-S1/biological-indicator")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("result", "PASS", "readAt", "2026-06-04T07:00:00Z"))
                .exchange().expectStatus().is2xxSuccessful();

        // The reading of 4 June counts in the month the load was completed: 1 of 1 = 100.0, target met.
        assertSterilization("2026-06", """
                [{"sterilizerId":"EDGE-S","month":"2026-06","loads":1,"passed":1,"pending":0,"ratePercent":100.0,"targetPercent":100.0,"met":true}]""");
    }

    /**
     * From the 201 of a fact to the figure that includes it, one fact at a time so that each is
     * measured alone. Reported, not asserted: it depends on the machine.
     */
    @Test
    void measureHowLongAFactTakesToReachTheFigures() {
        List<Long> census = new ArrayList<>();
        List<Long> samples = new ArrayList<>();
        List<Long> loads = new ArrayList<>();
        for (int day = 1; day <= 25; day++) {
            String date = "2026-05-%02d".formatted(day);
            long patientDays = day;
            census.add(millisUntilVisible("/api/ward-census", census("LAT-1", date, 1, 0),
                    "/api/rates?month=2026-05&wardId=LAT-1", body -> body.contains("\"patientDays\":" + patientDays + ",")));
            long sampleCount = day;
            samples.add(millisUntilVisible("/api/environment-samples", Map.of("sampleId", "E-LAT-" + day, "wardId", "LAT-1",
                            "sampleType", "SURFACE", "environmentClass", "II", "cfu", 1.0, "collectedAt", date + "T09:00:00Z"),
                    "/api/compliance?month=2026-05&wardId=LAT-1", body -> body.contains("\"samples\":" + sampleCount + ",")));
            long loadCount = day;
            loads.add(millisUntilVisible("/api/sterilization-loads", Map.of("loadId", "LAT-" + day, "sterilizerId", "LAT-S",
                            "cycleType", "GRAVITY_STEAM", "completedAt", date + "T07:00:00Z", "bowieDick", "NOT_DONE",
                            "chemicalIndicator", "PASS", "biologicalIndicator", "PASS", "packs", 10),
                    "/api/sterilization-compliance?month=2026-05&sterilizerId=LAT-S",
                    body -> body.contains("\"loads\":" + loadCount + ",")));
        }
        String report = "Latency from 201 to figure (ms): rates " + FigureLatency.summary(census)
                + "; environment compliance " + FigureLatency.summary(samples)
                + "; sterilization compliance " + FigureLatency.summary(loads);
        log.info(report);
        System.out.println(report);
        assertThat(census).hasSize(25);
    }

    private long millisUntilVisible(String path, Map<String, Object> body, String query, Predicate<String> visible) {
        WebTestClient nurse = platform.as("nurse1");
        nurse.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isCreated();
        long createdAt = System.nanoTime();
        Awaitility.await(path + " reaches " + query).atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                .until(() -> visible.test(nurse.get().uri(query).exchange().expectStatus().isOk()
                        .expectBody(String.class).returnResult().getResponseBody()));
        return (System.nanoTime() - createdAt) / 1_000_000;
    }

    /** One ward's rates row for a month without device-days, so every device rate is null. */
    private static String withoutDeviceDays(String ward, String month, int cases, int patientDays, int admissions,
                                            String density, String incidence) {
        return """
                [{"wardId":"%s","month":"%s","haiCases":%d,"patientDays":%d,"admissions":%d,
                  "incidenceDensityPer1000PatientDays":%s,"incidencePercent":%s,
                  "deviceAssociated":{
                    "CENTRAL_LINE":{"cases":0,"deviceDays":0,"ratePer1000DeviceDays":null},
                    "URINARY_CATHETER":{"cases":0,"deviceDays":0,"ratePer1000DeviceDays":null},
                    "VENTILATOR":{"cases":0,"deviceDays":0,"ratePer1000DeviceDays":null}}}]"""
                .formatted(ward, month, cases, patientDays, admissions, density, incidence);
    }

    private static void post(String path, Map<String, Object> body, int status) {
        platform.as("nurse1").post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isEqualTo(status);
    }

    private static void assertRates(String month, String ward, String expected) {
        platform.awaitProjectionsCaughtUp();
        platform.as("nurse1").get().uri("/api/rates?month={m}&wardId={w}", month, ward).exchange()
                .expectStatus().isOk().expectBody().json(expected, JsonCompareMode.STRICT);
    }

    private static void assertSterilization(String month, String expected) {
        platform.awaitProjectionsCaughtUp();
        platform.as("nurse1").get().uri("/api/sterilization-compliance?month={m}&sterilizerId=EDGE-S", month).exchange()
                .expectStatus().isOk().expectBody().json(expected, JsonCompareMode.STRICT);
    }

    private static Map<String, Object> census(String ward, String date, int patients, int admissions) {
        return Map.of("wardId", ward, "date", date, "patientsPresent", patients, "admissions", admissions,
                "centralLineDays", 0, "urinaryCatheterDays", 0, "ventilatorDays", 0);
    }

    private static Map<String, Object> hai(String caseId, String ward, String onset) {
        return Map.of("caseId", caseId, "patientId", "P-" + caseId, "wardId", ward, "category", "HAI",
                "infectionSite", "BSI", "onsetAt", onset);
    }
}

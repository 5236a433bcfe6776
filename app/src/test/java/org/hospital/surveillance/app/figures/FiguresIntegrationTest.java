package org.hospital.surveillance.app.figures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hospital.surveillance.app.support.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;

/**
 * The rates and compliance figures through the real HTTP API of the running platform: facts are
 * posted as a hospital would post them, the figures read back once the projections have caught up.
 * Every expected number is worked out by hand below from {@link MarchHistory}.
 */
class FiguresIntegrationTest {

    /** Every answer of the read API that March's facts touch. */
    static final List<String> FIGURE_QUERIES = List.of(
            "/api/rates?month=2026-02", "/api/rates?month=2026-03", "/api/rates?month=2026-04",
            "/api/compliance?month=2026-03", "/api/compliance?month=2026-04",
            "/api/sterilization-compliance?month=2026-02", "/api/sterilization-compliance?month=2026-03");

    private static final ObjectMapper json = new ObjectMapper();

    @TempDir
    static Path shuffledDir;
    @TempDir
    static Path inOrderDir;
    static List<Submission> shuffled;
    static Map<String, JsonNode> shuffledFigures;
    static Platform platform;
    static Map<String, JsonNode> inOrderFigures;

    /**
     * March in a shuffled order on one platform, then in order on another that the tests keep.
     * One after the other: two platforms in one JVM share Reactor Netty's global event loops, and
     * closing one would stop the other's server.
     */
    @BeforeAll
    static void submitMarchShuffledThenInOrder() {
        shuffled = Submission.shuffledKeepingEachFactsOrder(MarchHistory.submissions(), 20260331L);
        try (Platform other = Platform.start(shuffledDir)) {
            shuffled.forEach(s -> FigurePosts.submit(other, s));
            other.awaitProjectionsCaughtUp();
            shuffledFigures = figures(other);
        }
        platform = Platform.start(inOrderDir);
        MarchHistory.submissions().forEach(s -> FigurePosts.submit(platform, s));
        platform.awaitProjectionsCaughtUp();
        inOrderFigures = figures(platform);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void ratesOfARealisticMonth() {
        // ICU-1: 31 days x (18 patients, 2 admissions, 6 CL, 8 UC, 4 vent) = 558, 62, 186, 248, 124;
        //   the correction of 10 March (21, 3, 7, 8, 5) replaces (18, 2, 6, 8, 4): 561, 63, 187, 248, 125.
        //   HAI cases with March onset in ICU-1: C-101 vent, C-102 CL, C-103 CL, C-104 UC, C-105 none = 5
        //   (C-106 retracted, C-107 notifiable, C-108 April onset, C-109 moved to MED-3).
        //   density 5/561*1000 = 8.91265.. -> 8.913; incidence 5/63*100 = 7.93650.. -> 7.937;
        //   CL 2/187*1000 = 10.69518.. -> 10.695; UC 1/248*1000 = 4.03225.. -> 4.032; vent 1/125*1000 = 8.0.
        // MED-3: 31 x (30, 5, 2, 4, 0) = 930, 155, 62, 124, 0; cases C-110 none, C-109 UC (after its amendment) = 2.
        //   density 2/930*1000 = 2.15053.. -> 2.151; incidence 2/155*100 = 1.29032.. -> 1.29;
        //   CL 0/62 = 0.0; UC 1/124*1000 = 8.06451.. -> 8.065; vent 0 device-days -> null.
        // NICU-4: C-111 CL, no census: 0 patient-days, 0 admissions, every rate null.
        // SURG-2: 31 x (24, 6, 1, 3, 0) = 744, 186, 31, 93, 0; no case: 0.0, 0.0, CL 0.0, UC 0.0, vent null.
        platform.as("nurse1").get().uri("/api/rates?month=2026-03").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        [
                          {"wardId":"ICU-1","month":"2026-03","haiCases":5,"patientDays":561,"admissions":63,
                           "incidenceDensityPer1000PatientDays":8.913,"incidencePercent":7.937,
                           "deviceAssociated":{
                             "CENTRAL_LINE":{"cases":2,"deviceDays":187,"ratePer1000DeviceDays":10.695},
                             "URINARY_CATHETER":{"cases":1,"deviceDays":248,"ratePer1000DeviceDays":4.032},
                             "VENTILATOR":{"cases":1,"deviceDays":125,"ratePer1000DeviceDays":8.0}}},
                          {"wardId":"MED-3","month":"2026-03","haiCases":2,"patientDays":930,"admissions":155,
                           "incidenceDensityPer1000PatientDays":2.151,"incidencePercent":1.29,
                           "deviceAssociated":{
                             "CENTRAL_LINE":{"cases":0,"deviceDays":62,"ratePer1000DeviceDays":0.0},
                             "URINARY_CATHETER":{"cases":1,"deviceDays":124,"ratePer1000DeviceDays":8.065},
                             "VENTILATOR":{"cases":0,"deviceDays":0,"ratePer1000DeviceDays":null}}},
                          {"wardId":"NICU-4","month":"2026-03","haiCases":1,"patientDays":0,"admissions":0,
                           "incidenceDensityPer1000PatientDays":null,"incidencePercent":null,
                           "deviceAssociated":{
                             "CENTRAL_LINE":{"cases":1,"deviceDays":0,"ratePer1000DeviceDays":null},
                             "URINARY_CATHETER":{"cases":0,"deviceDays":0,"ratePer1000DeviceDays":null},
                             "VENTILATOR":{"cases":0,"deviceDays":0,"ratePer1000DeviceDays":null}}},
                          {"wardId":"SURG-2","month":"2026-03","haiCases":0,"patientDays":744,"admissions":186,
                           "incidenceDensityPer1000PatientDays":0.0,"incidencePercent":0.0,
                           "deviceAssociated":{
                             "CENTRAL_LINE":{"cases":0,"deviceDays":31,"ratePer1000DeviceDays":0.0},
                             "URINARY_CATHETER":{"cases":0,"deviceDays":93,"ratePer1000DeviceDays":0.0},
                             "VENTILATOR":{"cases":0,"deviceDays":0,"ratePer1000DeviceDays":null}}}
                        ]""", JsonCompareMode.STRICT);
    }

    @Test
    void factsOfTheNextMonthCountThereAndWardIdNarrows() {
        // ICU-1 April: census of 1 April (17, 1, 5, 7, 3) and C-108 (CL, onset 2 April):
        // 1/17*1000 = 58.8235.. -> 58.824; 1/1*100 = 100.0; CL 1/5*1000 = 200.0; UC 0/7 = 0.0; vent 0/3 = 0.0.
        platform.as("epi1").get().uri("/api/rates?month=2026-04&wardId=ICU-1").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        [{"wardId":"ICU-1","month":"2026-04","haiCases":1,"patientDays":17,"admissions":1,
                          "incidenceDensityPer1000PatientDays":58.824,"incidencePercent":100.0,
                          "deviceAssociated":{
                            "CENTRAL_LINE":{"cases":1,"deviceDays":5,"ratePer1000DeviceDays":200.0},
                            "URINARY_CATHETER":{"cases":0,"deviceDays":7,"ratePer1000DeviceDays":0.0},
                            "VENTILATOR":{"cases":0,"deviceDays":3,"ratePer1000DeviceDays":0.0}}}]""",
                        JsonCompareMode.STRICT);
        platform.as("nurse1").get().uri("/api/rates?month=2026-03&wardId=SURG-2").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].wardId").isEqualTo("SURG-2");
    }

    @Test
    void environmentalComplianceOfARealisticMonth() {
        // ICU-1 AIR (class II, limit 4.0): 2.0, 4.0 (at the limit: compliant), 3.0, 5.0 (above), 1.0 -> 4 of 5 = 80.0 < 98.
        // ICU-1 SURFACE (class I, limit 5.0): 5.0 (at the limit), 3.0 -> 2 of 2 = 100.0 >= 98.
        // ICU-1 HANDS: E-121 surgical 6.0 amended to 4.0 (limit 5), E-122 hygienic 10.0 (limit 10) -> 2 of 2 = 100.0.
        // ICU-1 DISINFECTANT_IN_USE (sterilant, limit 0): 0.0 -> 1 of 1 = 100.0, exactly the 100 target: met.
        // MED-3 SURFACE (class III, limit 10.0): 10.0, 12.0 (above), 8.0 -> 2 of 3 = 66.666.. -> 66.667 < 98.
        // MED-3 STERILE_STORAGE_FLUID (limit 0): 0.0 -> 1 of 1 = 100.0, target 100: met.
        //   (MED-3 has no March AIR: E-221 was collected on 1 April, E-311 was amended to SURG-2.)
        // SURG-2 AIR (class I, limit 4.0): E-311 3.0 -> 1 of 1 = 100.0.
        // SURG-2 HANDS (surgical, limit 5): 5.0 (at the limit), 5.5 (above) -> 1 of 2 = 50.0 < 98.
        platform.as("nurse1").get().uri("/api/compliance?month=2026-03").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        [
                          {"wardId":"ICU-1","month":"2026-03","sampleType":"AIR","samples":5,"compliant":4,"ratePercent":80.0,"targetPercent":98.0,"met":false},
                          {"wardId":"ICU-1","month":"2026-03","sampleType":"SURFACE","samples":2,"compliant":2,"ratePercent":100.0,"targetPercent":98.0,"met":true},
                          {"wardId":"ICU-1","month":"2026-03","sampleType":"HANDS","samples":2,"compliant":2,"ratePercent":100.0,"targetPercent":98.0,"met":true},
                          {"wardId":"ICU-1","month":"2026-03","sampleType":"DISINFECTANT_IN_USE","samples":1,"compliant":1,"ratePercent":100.0,"targetPercent":100.0,"met":true},
                          {"wardId":"MED-3","month":"2026-03","sampleType":"SURFACE","samples":3,"compliant":2,"ratePercent":66.667,"targetPercent":98.0,"met":false},
                          {"wardId":"MED-3","month":"2026-03","sampleType":"STERILE_STORAGE_FLUID","samples":1,"compliant":1,"ratePercent":100.0,"targetPercent":100.0,"met":true},
                          {"wardId":"SURG-2","month":"2026-03","sampleType":"AIR","samples":1,"compliant":1,"ratePercent":100.0,"targetPercent":98.0,"met":true},
                          {"wardId":"SURG-2","month":"2026-03","sampleType":"HANDS","samples":2,"compliant":1,"ratePercent":50.0,"targetPercent":98.0,"met":false}
                        ]""", JsonCompareMode.STRICT);
        // MED-3 air of 1 April (class III, limit 4.0): 2.0 -> 1 of 1.
        platform.as("nurse1").get().uri("/api/compliance?month=2026-04&wardId=MED-3").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        [{"wardId":"MED-3","month":"2026-04","sampleType":"AIR","samples":1,"compliant":1,"ratePercent":100.0,"targetPercent":98.0,"met":true}]""",
                        JsonCompareMode.STRICT);
    }

    @Test
    void sterilizationComplianceOfARealisticMonth() {
        // S1 (pre-vacuum steam): 001 passed; 002 pending, read PASS -> passed; 003 Bowie-Dick FAIL -> failed;
        //   004 pending, read FAIL -> failed; 005 still pending; 006 Bowie-Dick not done -> failed.
        //   loads = 5 decided (2 passed, 3 failed), pending 1: 2/5 = 40.0 < 100.
        // S2 (gravity steam): 001 and 002, Bowie-Dick not done is no failure on gravity -> 2/2 = 100.0, met;
        //   003 was completed on 28 February.
        // S3 (plasma): its only load is pending -> 0 loads, no rate, no verdict.
        platform.as("nurse1").get().uri("/api/sterilization-compliance?month=2026-03").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        [
                          {"sterilizerId":"S1","month":"2026-03","loads":5,"passed":2,"pending":1,"ratePercent":40.0,"targetPercent":100.0,"met":false},
                          {"sterilizerId":"S2","month":"2026-03","loads":2,"passed":2,"pending":0,"ratePercent":100.0,"targetPercent":100.0,"met":true},
                          {"sterilizerId":"S3","month":"2026-03","loads":0,"passed":0,"pending":1,"ratePercent":null,"targetPercent":100.0,"met":null}
                        ]""", JsonCompareMode.STRICT);
        platform.as("nurse1").get().uri("/api/sterilization-compliance?month=2026-02").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        [{"sterilizerId":"S2","month":"2026-02","loads":1,"passed":1,"pending":0,"ratePercent":100.0,"targetPercent":100.0,"met":true}]""",
                        JsonCompareMode.STRICT);
    }

    @Test
    void theSameFactsInAShuffledOrderGiveIdenticalFigures() {
        // The shuffle put late facts first, e.g. the correction's census day and readings before other loads.
        assertThat(shuffled).isNotEqualTo(MarchHistory.submissions()).hasSameElementsAs(MarchHistory.submissions());
        assertThat(shuffled.get(0)).isNotEqualTo(MarchHistory.submissions().get(0));

        assertThat(shuffledFigures).isEqualTo(inOrderFigures);
        assertThat(inOrderFigures.get("/api/rates?month=2026-03")).hasSize(4);
    }

    @Test
    void aResetAndReplayOfTheFigureProcessorsGivesIdenticalFigures() {
        for (String processor : List.of("rates", "environment-compliance", "sterilization-compliance")) {
            platform.replay(processor);
        }
        // Axon keeps a processor's token a ReplayToken (replaying) until an event past the reset
        // point comes, so a later fact - a census in September, outside the figures compared - ends
        // the replay for the await below.
        FigurePosts.submit(platform, new Submission("ward-census:ICU-1:2026-09-01", "/api/ward-census",
                Map.of("wardId", "ICU-1", "date", "2026-09-01", "patientsPresent", 1, "admissions", 0,
                        "centralLineDays", 0, "urinaryCatheterDays", 0, "ventilatorDays", 0), true));
        platform.awaitProjectionsCaughtUp();

        assertThat(figures(platform)).isEqualTo(inOrderFigures);
    }

    @Test
    void monthIsRequiredAsYearDashMonth() {
        for (String uri : List.of("/api/rates", "/api/rates?month=", "/api/compliance?wardId=ICU-1",
                "/api/sterilization-compliance")) {
            platform.as("nurse1").get().uri(uri).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("month")
                    .jsonPath("$.errors[0].message").isEqualTo("is required");
        }
        for (String uri : List.of("/api/rates?month=2026-3", "/api/compliance?month=2026-13",
                "/api/sterilization-compliance?month=March", "/api/rates?month=2026-03-01")) {
            platform.as("nurse1").get().uri(uri).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("month")
                    .jsonPath("$.errors[0].message").isEqualTo("must be a month YYYY-MM");
        }
    }

    static Map<String, JsonNode> figures(Platform platform) {
        Map<String, JsonNode> figures = new LinkedHashMap<>();
        for (String query : FIGURE_QUERIES) {
            byte[] body = platform.as("epi1").get().uri(query).exchange()
                    .expectStatus().isEqualTo(HttpStatus.OK).expectBody().returnResult().getResponseBody();
            try {
                figures.put(query, json.readTree(body));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(query, e);
            }
        }
        return figures;
    }
}

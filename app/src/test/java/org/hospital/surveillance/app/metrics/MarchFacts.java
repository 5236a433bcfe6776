package org.hospital.surveillance.app.metrics;

import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.hospital.surveillance.app.support.Platform;
import org.springframework.http.MediaType;

/**
 * A known month of facts, posted through the real write API, with the figures worked out by hand
 * in {@link IndicatorMetricsTest}. Identifiers are distinctive (PAT-, ACC-, CASE-, SMP-, LOAD-) so
 * a test can tell that none of them leaks into the metrics.
 */
final class MarchFacts {

    /** Every patient, accession, case, sample and load identifier the facts use. */
    static final List<String> IDENTIFIERS = List.of(
            "PAT-9001", "PAT-9002", "PAT-9003", "PAT-9004", "PAT-9005", "PAT-9006",
            "ACC-501", "ACC-502", "ACC-503",
            "CASE-301", "CASE-302", "CASE-303", "CASE-304", "CASE-305",
            "SMP-101", "SMP-102", "SMP-103", "SMP-104", "SMP-105", "SMP-106", "SMP-107",
            "LOAD-1", "LOAD-2", "LOAD-3", "LOAD-4", "LOAD-5");

    private MarchFacts() {
    }

    static void post(Platform platform) {
        // ICU-1 census: the 2nd is corrected from 20 to 22 patients; February's day is another month.
        census(platform, "ICU-1", "2026-03-01", 18, 2, 6, 8, 4, 201);
        census(platform, "ICU-1", "2026-03-02", 20, 3, 6, 7, 5, 201);
        census(platform, "ICU-1", "2026-03-02", 22, 3, 6, 7, 5, 200);
        census(platform, "ICU-1", "2026-02-28", 10, 1, 1, 1, 1, 201);
        census(platform, "NICU", "2026-03-01", 10, 0, 0, 0, 0, 201);

        // ICU-1 HAI: a CLABSI and a VAE count; a retracted case, a February case and a notifiable disease do not.
        caseReport(platform, """
                {"caseId":"CASE-301","patientId":"PAT-9001","wardId":"ICU-1","category":"HAI","infectionSite":"BSI",
                 "organism":"Staphylococcus aureus","phenotype":"MRSA","onsetAt":"2026-03-05T06:00:00Z","deviceAssociation":"CENTRAL_LINE"}""");
        caseReport(platform, """
                {"caseId":"CASE-302","patientId":"PAT-9002","wardId":"ICU-1","category":"HAI","infectionSite":"PNEU",
                 "onsetAt":"2026-03-10T06:00:00Z","deviceAssociation":"VENTILATOR"}""");
        caseReport(platform, """
                {"caseId":"CASE-303","patientId":"PAT-9003","wardId":"ICU-1","category":"HAI","infectionSite":"UTI",
                 "onsetAt":"2026-03-12T06:00:00Z","deviceAssociation":"URINARY_CATHETER"}""");
        platform.as("nurse1").post().uri("/api/case-reports/CASE-303/retraction").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"reason\":\"contaminant, not an infection\"}").exchange().expectStatus().isCreated();
        caseReport(platform, """
                {"caseId":"CASE-304","patientId":"PAT-9004","wardId":"ICU-1","category":"HAI","infectionSite":"SSI",
                 "onsetAt":"2026-02-27T06:00:00Z"}""");
        caseReport(platform, """
                {"caseId":"CASE-305","patientId":"PAT-9006","wardId":"ICU-1","category":"NOTIFIABLE","disease":"Tuberculosis",
                 "diagnosedAt":"2026-03-15T06:00:00Z"}""");

        // ICU-1 MRSA: with CASE-301 (PAT-9001, 5 March) these hospital-onset cultures make three patients within
        // 14 days, a cluster; PAT-9005's second culture joins it without adding a patient.
        labResult(platform, "ACC-501", "PAT-9002", "2026-03-01T08:00:00Z", "2026-03-08T10:00:00Z");
        labResult(platform, "ACC-502", "PAT-9005", "2026-03-02T08:00:00Z", "2026-03-10T10:00:00Z");
        labResult(platform, "ACC-503", "PAT-9005", "2026-03-02T08:00:00Z", "2026-03-11T10:00:00Z");

        // ICU-1 AIR (class II, limit 4.0): 2.0 and exactly 4.0 pass, 4.1 fails, 1.0 is amended to 5.0 and fails.
        sample(platform, "SMP-101", "ICU-1", "AIR", "\"environmentClass\":\"II\"", "2.0", 201);
        sample(platform, "SMP-102", "ICU-1", "AIR", "\"environmentClass\":\"II\"", "4.0", 201);
        sample(platform, "SMP-103", "ICU-1", "AIR", "\"environmentClass\":\"II\"", "4.1", 201);
        sample(platform, "SMP-104", "ICU-1", "AIR", "\"environmentClass\":\"II\"", "1.0", 201);
        sample(platform, "SMP-104", "ICU-1", "AIR", "\"environmentClass\":\"II\"", "5.0", 200);
        // ICU-1 HANDS (hygienic, limit 10): exactly at the limit passes.
        sample(platform, "SMP-105", "ICU-1", "HANDS", "\"handDisinfection\":\"HYGIENIC\"", "10", 201);
        // OR-2 sterilized items (no growth): 0 passes, 0.5 fails.
        sample(platform, "SMP-106", "OR-2", "STERILIZED_ITEM", null, "0", 201);
        sample(platform, "SMP-107", "OR-2", "STERILIZED_ITEM", null, "0.5", 201);

        // S1: a pass, a pending load whose late reading passes, a pre-vacuum load without Bowie-Dick (fails), one still pending.
        load(platform, "LOAD-1", "S1", "PREVACUUM_STEAM", "PASS", "PASS", "PASS", 201);
        // The same load again, unchanged: a DUPLICATE appends nothing.
        load(platform, "LOAD-1", "S1", "PREVACUUM_STEAM", "PASS", "PASS", "PASS", 200);
        load(platform, "LOAD-2", "S1", "PREVACUUM_STEAM", "PASS", "PASS", "PENDING", 201);
        platform.as("nurse1").post().uri("/api/sterilization-loads/LOAD-2/biological-indicator")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"result\":\"PASS\",\"readAt\":\"2026-03-03T07:00:00Z\"}")
                .exchange().expectStatus().is2xxSuccessful();
        load(platform, "LOAD-3", "S1", "PREVACUUM_STEAM", "NOT_DONE", "PASS", "PASS", 201);
        load(platform, "LOAD-4", "S1", "PREVACUUM_STEAM", "PASS", "PASS", "PENDING", 201);
        // S2: Bowie-Dick is not done on a plasma sterilizer, and that is no failure.
        load(platform, "LOAD-5", "S2", "LOW_TEMP_PLASMA", "NOT_DONE", "PASS", "PASS", 201);
    }

    /**
     * Once the detector has raised them: ENV-SMP-103 is acknowledged, ENV-SMP-107 closed as a false
     * alarm. Left open: ENV-SMP-104, the ICU-1 cluster and the failed LOAD-3.
     */
    static void actOnAlerts(Platform platform) {
        Awaitility.await("the month's alerts are on the board").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    String board = platform.as("nurse1").get().uri("/api/alerts").exchange().expectStatus().isOk()
                            .expectBody(String.class).returnResult().getResponseBody();
                    return board != null && board.contains("ENV-SMP-103") && board.contains("ENV-SMP-104")
                            && board.contains("ENV-SMP-107") && board.contains("STER-LOAD-3") && board.contains("\"CLUSTER\"");
                });
        platform.as("nurse1").post().uri("/api/alerts/ENV-SMP-103/acknowledge").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"note\":\"resampling\"}").exchange().expectStatus().isOk();
        platform.as("nurse1").post().uri("/api/alerts/ENV-SMP-107/close").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"outcome\":\"FALSE_ALARM\",\"note\":\"plate contaminated\"}").exchange().expectStatus().isOk();
    }

    private static void labResult(Platform platform, String accession, String patient, String admittedAt, String collectedAt) {
        String body = ("{\"accessionNumber\":\"%s\",\"patientId\":\"%s\",\"wardId\":\"ICU-1\",\"admittedAt\":\"%s\","
                + "\"specimenType\":\"BLOOD\",\"collectedAt\":\"%s\",\"result\":\"POSITIVE\","
                + "\"organism\":\"Staphylococcus aureus\",\"phenotype\":\"MRSA\"}")
                .formatted(accession, patient, admittedAt, collectedAt);
        platform.as("lab1").post().uri("/api/lab-results").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated();
    }

    private static void census(Platform platform, String ward, String date, int present, int admissions, int centralLine,
                               int catheter, int ventilator, int status) {
        platform.as("nurse1").post().uri("/api/ward-census").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"wardId\":\"%s\",\"date\":\"%s\",\"patientsPresent\":%d,\"admissions\":%d,\"centralLineDays\":%d,"
                        .formatted(ward, date, present, admissions, centralLine)
                        + "\"urinaryCatheterDays\":%d,\"ventilatorDays\":%d}".formatted(catheter, ventilator))
                .exchange().expectStatus().isEqualTo(status);
    }

    private static void caseReport(Platform platform, String json) {
        platform.as("nurse1").post().uri("/api/case-reports").contentType(MediaType.APPLICATION_JSON).bodyValue(json)
                .exchange().expectStatus().isCreated();
    }

    private static void sample(Platform platform, String id, String ward, String type, String qualifier, String cfu, int status) {
        String body = "{\"sampleId\":\"%s\",\"wardId\":\"%s\",\"sampleType\":\"%s\",%s\"cfu\":%s,\"collectedAt\":\"2026-03-03T09:00:00Z\"}"
                .formatted(id, ward, type, qualifier == null ? "" : qualifier + ",", cfu);
        platform.as("nurse1").post().uri("/api/environment-samples").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isEqualTo(status);
    }

    private static void load(Platform platform, String id, String sterilizer, String cycle, String bowieDick,
                             String chemical, String biological, int status) {
        String body = ("{\"loadId\":\"%s\",\"sterilizerId\":\"%s\",\"cycleType\":\"%s\",\"completedAt\":\"2026-03-02T07:00:00Z\","
                + "\"bowieDick\":\"%s\",\"chemicalIndicator\":\"%s\",\"biologicalIndicator\":\"%s\",\"packs\":40}")
                .formatted(id, sterilizer, cycle, bowieDick, chemical, biological);
        platform.as("nurse1").post().uri("/api/sterilization-loads").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isEqualTo(status);
    }
}

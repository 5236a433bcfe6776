package org.hospital.surveillance.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.hospital.surveillance.app.support.HospitalFacts;
import org.hospital.surveillance.app.support.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.json.JsonCompareMode;

/**
 * Schema evolution across both older shapes: every stream's "recorded" and "amended" (or
 * "corrected") events as revision 1 left them (the whole fact wrapped under {@code labResult},
 * {@code report}, {@code census}, {@code sample} or {@code load}), mixed with revision-0 rows of the
 * first version, are put straight into the event table under the aggregate type names of their
 * time. Today's platform reads them through the upcaster chain (revision 0 to 1 to 2): the figures,
 * the alerts and the export count and show them as if they had been submitted today, and the
 * aggregates recognise a re-submission of their latest version as a duplicate.
 */
@Timeout(120)
class StoredEventRevisionsTest {

    @TempDir
    static Path dataDir;
    static Platform platform;
    static HospitalFacts facts;

    private static final String EVENTS = "org.hospital.surveillance.events.";
    private static final String ACINETOBACTER = "Acinetobacter baumannii";

    @BeforeAll
    static void olderPlatformsLeftTheseEvents() {
        platform = Platform.start(dataDir);
        facts = new HospitalFacts(platform);
        // Census: 40 patient-days, 5 admissions; the 2 March correction raises ventilator days 4 -> 5, so 10 in all.
        write("census.WardCensusRecorded", "1", "ward-census:OLD-1:2026-03-01", 0, "WardCensusDay", """
                {"census":{"wardId":"OLD-1","date":"2026-03-01","patientsPresent":20,"admissions":4,
                 "centralLineDays":0,"urinaryCatheterDays":0,"ventilatorDays":5}}""");
        write("census.WardCensusRecorded", "1", "ward-census:OLD-1:2026-03-02", 0, "WardCensusDay", """
                {"census":{"wardId":"OLD-1","date":"2026-03-02","patientsPresent":20,"admissions":1,
                 "centralLineDays":0,"urinaryCatheterDays":0,"ventilatorDays":4}}""");
        write("census.WardCensusCorrected", "1", "ward-census:OLD-1:2026-03-02", 1, "WardCensusDay", """
                {"census":{"wardId":"OLD-1","date":"2026-03-02","patientsPresent":20,"admissions":1,
                 "centralLineDays":0,"urinaryCatheterDays":0,"ventilatorDays":5}}""");
        // Cultures: a revision-0 CRAB, and an E. coli of revision 1 amended (revision 1) to CRAB.
        write("labresult.LabResultRecorded", "0", "lab-result:L-OLD-1", 0, "Specimen", """
                {"accessionNumber":"L-OLD-1","patientId":"P-O1","wardId":"OLD-1","admittedAt":"2026-03-01T08:00:00Z",
                 "specimen":"BLOOD","collectedAt":"2026-03-04T10:00:00Z","result":"POSITIVE",
                 "organism":"Acinetobacter baumannii","phenotype":"CRAB"}""");
        write("labresult.LabResultRecorded", "1", "lab-result:L-OLD-2", 0, "Specimen", """
                {"labResult":{"accessionNumber":"L-OLD-2","patientId":"P-O2","wardId":"OLD-1",
                 "admittedAt":"2026-03-01T08:00:00Z","specimenType":"SPUTUM","collectedAt":"2026-03-06T10:00:00Z",
                 "result":"POSITIVE","organism":"Escherichia coli","phenotype":"ESBL","susceptibility":[]}}""");
        write("labresult.LabResultAmended", "1", "lab-result:L-OLD-2", 1, "Specimen", """
                {"labResult":{"accessionNumber":"L-OLD-2","patientId":"P-O2","wardId":"OLD-1",
                 "admittedAt":"2026-03-01T08:00:00Z","specimenType":"SPUTUM","collectedAt":"2026-03-06T10:00:00Z",
                 "result":"POSITIVE","organism":"Acinetobacter baumannii","phenotype":"CRAB",
                 "susceptibility":[{"antibiotic":"MEM","interpretation":"R"}]}}""");
        // Case reports: a ventilator pneumonia (revision 1); a revision-0 BSI amended (revision 1) to a catheter UTI.
        write("casereport.CaseReported", "1", "case-report:C-OLD-1", 0, "InfectionCase", """
                {"report":{"caseId":"C-OLD-1","patientId":"P-O3","wardId":"OLD-1","category":"HAI","infectionSite":"PNEU",
                 "organism":"Acinetobacter baumannii","phenotype":"CRAB","onsetAt":"2026-03-08T06:00:00Z",
                 "deviceAssociation":"VENTILATOR","disease":null,"diagnosedAt":null}}""");
        write("casereport.CaseReported", "0", "case-report:C-OLD-2", 0, "InfectionCase", """
                {"caseId":"C-OLD-2","patientId":"P-O4","wardId":"OLD-1","infectionSite":"BSI","onset":"2026-03-09T06:00:00Z"}""");
        write("casereport.CaseReportAmended", "1", "case-report:C-OLD-2", 1, "InfectionCase", """
                {"report":{"caseId":"C-OLD-2","patientId":"P-O4","wardId":"OLD-1","category":"HAI","infectionSite":"UTI",
                 "organism":null,"phenotype":null,"onsetAt":"2026-03-09T06:00:00Z",
                 "deviceAssociation":"URINARY_CATHETER","disease":null,"diagnosedAt":null}}""");
        // An air sample within its limit of 4.0 (3.0), amended above it (6.0).
        write("environment.EnvironmentSampleRecorded", "1", "environment-sample:E-OLD-1", 0, "HygieneSample", """
                {"sample":{"sampleId":"E-OLD-1","wardId":"OLD-1","sampleType":"AIR","environmentClass":"I",
                 "handDisinfection":null,"disinfectantUse":null,"cfu":3.0,"collectedAt":"2026-03-03T09:00:00Z"}}""");
        write("environment.EnvironmentSampleAmended", "1", "environment-sample:E-OLD-1", 1, "HygieneSample", """
                {"sample":{"sampleId":"E-OLD-1","wardId":"OLD-1","sampleType":"AIR","environmentClass":"I",
                 "handDisinfection":null,"disinfectantUse":null,"cfu":6.0,"collectedAt":"2026-03-03T09:00:00Z"}}""");
        // A load that passed, amended: its chemical indicator failed.
        write("sterilization.SterilizationLoadRecorded", "1", "sterilization-load:LD-OLD-1", 0, "SterilizerCycle", """
                {"load":{"loadId":"LD-OLD-1","sterilizerId":"S-OLD","cycleType":"PREVACUUM_STEAM",
                 "completedAt":"2026-03-02T07:00:00Z","bowieDick":"PASS","chemicalIndicator":"PASS",
                 "biologicalIndicator":"PASS","packs":40}}""");
        write("sterilization.SterilizationLoadAmended", "1", "sterilization-load:LD-OLD-1", 1, "SterilizerCycle", """
                {"load":{"loadId":"LD-OLD-1","sterilizerId":"S-OLD","cycleType":"PREVACUUM_STEAM",
                 "completedAt":"2026-03-02T07:00:00Z","bowieDick":"PASS","chemicalIndicator":"FAIL",
                 "biologicalIndicator":"PASS","packs":40}}""");
        facts.awaitQuiet();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void theRatesCountTheLatestVersionOfEachOldFact() {
        // 2 HAI cases / 40 patient-days = 50.0 per 1000; / 5 admissions = 40.0 %. The pneumonia on
        // 10 ventilator days (after the correction) = 100.0; the UTI (after the amendment) on 0 catheter days.
        platform.as("epi1").get().uri("/api/rates?month=2026-03&wardId=OLD-1").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        [{"wardId":"OLD-1","month":"2026-03","haiCases":2,"patientDays":40,"admissions":5,
                          "incidenceDensityPer1000PatientDays":50.0,"incidencePercent":40.0,
                          "deviceAssociated":{
                            "CENTRAL_LINE":{"cases":0,"deviceDays":0,"ratePer1000DeviceDays":null},
                            "URINARY_CATHETER":{"cases":1,"deviceDays":0,"ratePer1000DeviceDays":null},
                            "VENTILATOR":{"cases":1,"deviceDays":10,"ratePer1000DeviceDays":100.0}}}]""",
                        JsonCompareMode.STRICT);
    }

    @Test
    void theComplianceFiguresTakeTheAmendedSampleAndLoad() {
        // The air sample as amended: 6.0 above 4.0 -> 0 of 1. The load as amended: chemical FAIL -> 0 of 1.
        platform.as("nurse1").get().uri("/api/compliance?month=2026-03&wardId=OLD-1").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        [{"wardId":"OLD-1","month":"2026-03","sampleType":"AIR","samples":1,"compliant":0,
                          "ratePercent":0.0,"targetPercent":98.0,"met":false}]""", JsonCompareMode.STRICT);
        String sterilizers = platform.as("nurse1").get().uri("/api/sterilization-compliance?month=2026-03")
                .accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(HospitalFacts.json(sterilizers)).contains(HospitalFacts.json("""
                {"sterilizerId":"S-OLD","month":"2026-03","loads":1,"passed":0,"pending":0,"ratePercent":0.0,
                 "targetPercent":100.0,"met":false}"""));
    }

    @Test
    void theDetectorRaisesTheAlertsTheOldFactsCallFor() {
        // The cluster: L-OLD-1 (revision 0), L-OLD-2 only as amended to CRAB, and the pneumonia report.
        List<JsonNode> clusters = facts.awaitAlerts("?wardId=OLD-1&type=CLUSTER", a -> !a.isEmpty());
        assertThat(clusters).hasSize(1);
        assertThat(clusters.get(0).get("organism").asText()).isEqualTo(ACINETOBACTER);
        assertThat(clusters.get(0).get("caseCount").asInt()).isEqualTo(3);
        assertThat(clusters.get(0).get("patientIds")).isEqualTo(HospitalFacts.json("[\"P-O1\",\"P-O2\",\"P-O3\"]"));
        assertThat(clusters.get(0).get("firstCaseAt").asText()).isEqualTo("2026-03-04T10:00:00Z");
        assertThat(clusters.get(0).get("lastCaseAt").asText()).isEqualTo("2026-03-08T06:00:00Z");

        List<JsonNode> environment = facts.awaitAlerts("?wardId=OLD-1&type=ENVIRONMENT", a -> !a.isEmpty());
        assertThat(environment).extracting(a -> a.get("sampleId").asText()).containsExactly("E-OLD-1");

        List<JsonNode> sterilization = facts.awaitAlerts("?type=STERILIZATION_FAILURE",
                a -> a.stream().anyMatch(alert -> "LD-OLD-1".equals(alert.path("loadId").asText())));
        assertThat(sterilization).filteredOn(a -> "LD-OLD-1".equals(a.path("loadId").asText())).hasSize(1);
    }

    @Test
    void theAggregatesRecogniseTheLatestOldVersionsWhenSubmittedAgain() {
        facts.post("lab1", "/api/lab-results", Map.of("accessionNumber", "L-OLD-2", "patientId", "P-O2", "wardId", "OLD-1",
                        "admittedAt", "2026-03-01T08:00:00Z", "specimenType", "SPUTUM", "collectedAt", "2026-03-06T10:00:00Z",
                        "result", "POSITIVE", "organism", ACINETOBACTER, "phenotype", "CRAB",
                        "susceptibility", List.of(Map.of("antibiotic", "MEM", "interpretation", "R"))))
                .expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("DUPLICATE");
        facts.post("nurse1", "/api/ward-census", Map.of("wardId", "OLD-1", "date", "2026-03-02", "patientsPresent", 20,
                        "admissions", 1, "centralLineDays", 0, "urinaryCatheterDays", 0, "ventilatorDays", 5))
                .expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("DUPLICATE");
    }

    @Test
    void theExportGivesEveryOldRowFlatInTodaysShape() {
        List<JsonNode> rows = facts.search(Map.of("wardId", "OLD-1"));

        assertThat(rows).extracting(r -> r.get("type").asText()).contains("WardCensusRecorded", "WardCensusCorrected",
                "LabResultRecorded", "LabResultAmended", "CaseReported", "CaseReportAmended", "EnvironmentSampleRecorded",
                "EnvironmentSampleAmended");
        assertThat(rows).filteredOn(r -> !r.get("type").asText().endsWith("AlertRaised")
                        && !r.get("type").asText().startsWith("ClusterCase"))
                .allSatisfy(r -> assertThat(r.get("payload").get("wardId").asText()).isEqualTo("OLD-1"));
        JsonNode amended = rows.stream().filter(r -> r.get("type").asText().equals("LabResultAmended")).findFirst().orElseThrow();
        assertThat(amended.get("payload")).isEqualTo(HospitalFacts.json("""
                {"accessionNumber":"L-OLD-2","patientId":"P-O2","wardId":"OLD-1","admittedAt":"2026-03-01T08:00:00Z",
                 "specimenType":"SPUTUM","collectedAt":"2026-03-06T10:00:00Z","result":"POSITIVE",
                 "organism":"Acinetobacter baumannii","phenotype":"CRAB",
                 "susceptibility":[{"antibiotic":"MEM","interpretation":"R"}]}"""));
        JsonNode revision0Report = rows.stream().filter(r -> r.get("type").asText().equals("CaseReported")
                && r.get("payload").get("caseId").asText().equals("C-OLD-2")).findFirst().orElseThrow();
        assertThat(revision0Report.get("payload")).isEqualTo(HospitalFacts.json("""
                {"caseId":"C-OLD-2","patientId":"P-O4","wardId":"OLD-1","category":"HAI","infectionSite":"BSI",
                 "onsetAt":"2026-03-09T06:00:00Z"}"""));

        List<JsonNode> loads = facts.search(Map.of("stream", "sterilization-load", "type", "SterilizationLoadAmended"));
        assertThat(loads).extracting(r -> r.get("payload")).contains(HospitalFacts.json("""
                {"loadId":"LD-OLD-1","sterilizerId":"S-OLD","cycleType":"PREVACUUM_STEAM","completedAt":"2026-03-02T07:00:00Z",
                 "bowieDick":"PASS","chemicalIndicator":"FAIL","biologicalIndicator":"PASS","packs":40}"""));
    }

    /** A row as an older platform wrote it: its payload shape and revision, and the aggregate type name of its time. */
    private static void write(String payloadType, String revision, String aggregateId, long sequence, String aggregateType,
                              String payload) {
        String metadata = "{\"principal\":\"older\",\"channel\":\"HTTP\",\"receivedAt\":\"2026-03-10T12:00:00Z\"}";
        new JdbcTemplate(platform.bean(DataSource.class)).update(
                "INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp, "
                        + "payloadType, payloadRevision, payload, metaData) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), aggregateId, sequence, aggregateType, "2026-03-10T12:00:00Z",
                EVENTS + payloadType, revision, HospitalFacts.json(payload).toString().getBytes(StandardCharsets.UTF_8),
                metadata.getBytes(StandardCharsets.UTF_8));
    }
}

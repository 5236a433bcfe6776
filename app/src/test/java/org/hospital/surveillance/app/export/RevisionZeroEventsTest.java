package org.hospital.surveillance.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.hospital.surveillance.app.support.HospitalFacts;
import org.hospital.surveillance.app.support.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.http.MediaType;

/**
 * Schema evolution: lab results and case reports written in the first version's shape (revision 0:
 * flat, {@code specimen}, no susceptibility; HAI-only reports with {@code onset} and {@code device})
 * are put straight into the event table, as that version would have left them. Today's platform
 * reads them through its upcasters (revision 0 to 1 to today's flat 2; {@code StoredEventRevisionsTest}
 * covers revision 1 of every stream): the figures and the cluster alerts count them, a rebuild
 * counts them again, the aggregates recognise a re-submission as a duplicate, and the history
 * export gives them in today's shape.
 */
class RevisionZeroEventsTest {

    @TempDir
    static Path dataDir;
    static Platform platform;
    static HospitalFacts facts;

    private static final String LAB_RESULT_RECORDED = "org.hospital.surveillance.events.labresult.LabResultRecorded";
    private static final String CASE_REPORTED = "org.hospital.surveillance.events.casereport.CaseReported";
    private static final String ACINETOBACTER = "Acinetobacter baumannii";

    @BeforeAll
    static void anOlderPlatformLeftTheseEvents() {
        platform = Platform.start(dataDir);
        facts = new HospitalFacts(platform);
        // Today's census gives the denominators: 40 patient-days, 5 admissions, 10 ventilator days.
        facts.census("UP-1", "2026-03-01", 20, 4, 5);
        facts.census("UP-1", "2026-03-02", 20, 1, 5);
        writeRevision0(LAB_RESULT_RECORDED, "lab-result:L-UP-1", "Specimen", "2026-03-04T11:00:00Z", """
                {"accessionNumber":"L-UP-1","patientId":"P-UP-1","wardId":"UP-1","admittedAt":"2026-03-01T08:00:00Z",
                 "specimen":"BLOOD","collectedAt":"2026-03-04T10:00:00Z","result":"POSITIVE",
                 "organism":"Acinetobacter baumannii","phenotype":"CRAB"}""");
        writeRevision0(LAB_RESULT_RECORDED, "lab-result:L-UP-2", "Specimen", "2026-03-06T11:00:00Z", """
                {"accessionNumber":"L-UP-2","patientId":"P-UP-2","wardId":"UP-1","admittedAt":"2026-03-01T08:00:00Z",
                 "specimen":"SPUTUM","collectedAt":"2026-03-06T10:00:00Z","result":"POSITIVE",
                 "organism":"acinetobacter  BAUMANNII ","phenotype":"crab"}""");
        writeRevision0(CASE_REPORTED, "case-report:C-UP-1", "InfectionCase", "2026-03-08T12:00:00Z", """
                {"caseId":"C-UP-1","patientId":"P-UP-3","wardId":"UP-1","infectionSite":"PNEU",
                 "organism":"Acinetobacter baumannii","phenotype":"CRAB","onset":"2026-03-08T06:00:00Z","device":"VENTILATOR"}""");
        writeRevision0(CASE_REPORTED, "case-report:C-UP-2", "InfectionCase", "2026-03-09T12:00:00Z", """
                {"caseId":"C-UP-2","patientId":"P-UP-4","wardId":"UP-1","infectionSite":"BSI",
                 "onset":"2026-03-09T06:00:00Z"}""");
        facts.awaitQuiet();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void theFiguresCountTheOldReportsAndCountThemAgainAfterARebuild() {
        JsonNode expected = HospitalFacts.json("""
                [{"wardId":"UP-1","month":"2026-03","haiCases":2,"patientDays":40,"admissions":5,
                  "incidenceDensityPer1000PatientDays":50.0,"incidencePercent":40.0,
                  "deviceAssociated":{
                    "CENTRAL_LINE":{"cases":0,"deviceDays":0,"ratePer1000DeviceDays":null},
                    "URINARY_CATHETER":{"cases":0,"deviceDays":0,"ratePer1000DeviceDays":null},
                    "VENTILATOR":{"cases":1,"deviceDays":10,"ratePer1000DeviceDays":100.0}}}]""");
        assertThat(rates()).isEqualTo(expected);

        platform.replay("rates");
        platform.awaitProjectionsCaughtUp();

        assertThat(rates()).isEqualTo(expected);
    }

    @Test
    void theClusterDetectorSeesTheOldCulturesAndReport() {
        List<JsonNode> alerts = facts.awaitAlerts("?wardId=UP-1&type=CLUSTER", a -> !a.isEmpty());

        assertThat(alerts).hasSize(1);
        JsonNode alert = alerts.get(0);
        assertThat(alert.get("organism").asText()).isEqualTo(ACINETOBACTER);
        assertThat(alert.get("phenotype").asText()).isEqualTo("CRAB");
        assertThat(alert.get("caseCount").asInt()).isEqualTo(3);
        assertThat(alert.get("patientIds")).isEqualTo(HospitalFacts.json("[\"P-UP-1\",\"P-UP-2\",\"P-UP-3\"]"));
        assertThat(alert.get("firstCaseAt").asText()).isEqualTo("2026-03-04T10:00:00Z");
        assertThat(alert.get("lastCaseAt").asText()).isEqualTo("2026-03-08T06:00:00Z");
    }

    @Test
    void theAggregatesRecogniseTheOldFactsWhenTheyAreSubmittedAgain() {
        facts.post("lab1", "/api/lab-results", Map.of("accessionNumber", "L-UP-1", "patientId", "P-UP-1", "wardId", "UP-1",
                        "admittedAt", "2026-03-01T08:00:00Z", "specimenType", "BLOOD", "collectedAt", "2026-03-04T10:00:00Z",
                        "result", "POSITIVE", "organism", ACINETOBACTER, "phenotype", "CRAB"))
                .expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("DUPLICATE");
        facts.post("nurse1", "/api/case-reports", Map.of("caseId", "C-UP-1", "patientId", "P-UP-3", "wardId", "UP-1",
                        "category", "HAI", "infectionSite", "PNEU", "organism", ACINETOBACTER, "phenotype", "CRAB",
                        "onsetAt", "2026-03-08T06:00:00Z", "deviceAssociation", "VENTILATOR"))
                .expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("DUPLICATE");
    }

    @Test
    void theExportGivesThemInTodaysShape() {
        List<JsonNode> labResults = facts.search(Map.of("wardId", "UP-1", "stream", "lab-result"));
        List<JsonNode> reports = facts.search(Map.of("wardId", "UP-1", "stream", "case-report"));

        assertThat(labResults).hasSize(2);
        assertThat(labResults.get(0).get("type").asText()).isEqualTo("LabResultRecorded");
        assertThat(labResults.get(0).get("payload")).isEqualTo(HospitalFacts.json("""
                {"accessionNumber":"L-UP-1","patientId":"P-UP-1","wardId":"UP-1",
                 "admittedAt":"2026-03-01T08:00:00Z","specimenType":"BLOOD","collectedAt":"2026-03-04T10:00:00Z",
                 "result":"POSITIVE","organism":"Acinetobacter baumannii","phenotype":"CRAB","susceptibility":[]}"""));
        assertThat(labResults.get(0).get("metadata")).isEqualTo(HospitalFacts.json(
                "{\"principal\":\"lis\",\"channel\":\"HL7\",\"receivedAt\":\"2026-03-04T11:00:00Z\"}"));
        assertThat(labResults.get(0).get("recordedAt").asText()).isEqualTo("2026-03-04T11:00:00Z");
        assertThat(reports).extracting(r -> r.get("type").asText()).containsExactly("CaseReported", "CaseReported");
        assertThat(reports.get(0).get("payload")).isEqualTo(HospitalFacts.json("""
                {"caseId":"C-UP-1","patientId":"P-UP-3","wardId":"UP-1","category":"HAI","infectionSite":"PNEU",
                 "organism":"Acinetobacter baumannii","phenotype":"CRAB","onsetAt":"2026-03-08T06:00:00Z",
                 "deviceAssociation":"VENTILATOR"}"""));

        // The same fields a lab result written today has, and the same in CSV.
        facts.culture("L-UP-9", "P-UP-9", "UP-9", "Escherichia coli", "ESBL", "2026-03-05T10:00:00Z");
        JsonNode today = facts.search(Map.of("wardId", "UP-9", "type", "LabResultRecorded")).get(0).get("payload");
        assertThat(fieldNames(labResults.get(1).get("payload")))
                .containsExactlyInAnyOrderElementsOf(fieldNames(today));
        String csv = facts.post("epi1", "/api/events/search", Map.of("wardId", "UP-1", "stream", "lab-result", "format", "csv"))
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv.lines().skip(1)).allMatch(row -> row.contains("\"\"specimenType\"\":") && !row.contains("\"\"specimen\"\":"));
    }

    private static JsonNode rates() {
        return platform.as("epi1").get().uri("/api/rates?month=2026-03&wardId=UP-1").accept(MediaType.APPLICATION_JSON)
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** The row an older platform wrote: its own payload shape, revision 0, and the metadata it kept. */
    private static void writeRevision0(String payloadType, String aggregateId, String aggregateType, String recordedAt,
                                       String payload) {
        String metadata = "{\"principal\":\"lis\",\"channel\":\"HL7\",\"receivedAt\":\"" + recordedAt + "\"}";
        new JdbcTemplate(platform.bean(DataSource.class)).update(
                "INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp, "
                        + "payloadType, payloadRevision, payload, metaData) VALUES (?, ?, 0, ?, ?, ?, '0', ?, ?)",
                UUID.randomUUID().toString(), aggregateId, aggregateType, recordedAt, payloadType,
                HospitalFacts.json(payload).toString().getBytes(StandardCharsets.UTF_8),
                metadata.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

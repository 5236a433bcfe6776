package org.hospital.surveillance.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hospital.surveillance.app.support.HospitalFacts;
import org.hospital.surveillance.app.support.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

/**
 * The history export through the running app: the filters of GET /api/events, the patient filter
 * only in POST /api/events/search, NDJSON and CSV, and a history read page by page (the page is
 * four events here, so eight facts are exactly two pages and every filter spans pages).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HistoryExportTest {

    @TempDir
    static Path dataDir;
    static Platform platform;
    static HospitalFacts facts;

    private static final String MRSA = "Staphylococcus aureus";

    @BeforeAll
    static void recordAHistory() {
        platform = Platform.start(dataDir, "surveillance.history.page-size=4");
        facts = new HospitalFacts(platform);
        // 1..8, in this order; no key reaches three patients, so no alert events join the history.
        facts.culture("L-EX-1", "P-EX-1", "EX-1", MRSA, "MRSA", "2026-03-03T10:00:00Z");
        facts.culture("L-EX-2", "P-EX-2", "EX-2", "  staphylococcus   AUREUS ", "MRSA", "2026-03-04T10:00:00Z");
        facts.culture("L-EX-3", "P-EX-2", "EX-1", "Klebsiella pneumoniae", "CRE", "2026-03-05T10:00:00Z");
        facts.culture("L-EX-3", "P-EX-2", "EX-1", "Escherichia coli", "ESBL", "2026-03-05T10:00:00Z");
        facts.haiReport("C-EX-1", "P-EX-3", "EX-1", MRSA, "MRSA", "2026-03-06T06:00:00Z");
        facts.retract("C-EX-1");
        facts.census("EX-1", "2026-03-01", 10, 1, 0);
        facts.labResult("L-EX-4", "P-EX-4", "EX-2", HospitalFacts.ADMITTED, "2026-03-07T10:00:00Z", "NEGATIVE", null, null);
        facts.awaitQuiet();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    @Order(1)
    void theWholeHistoryComesOutAcrossPagesInAppendOrder() {
        assertThat(platform.eventCount()).isEqualTo(8);
        List<JsonNode> all = facts.history("");

        assertThat(all).extracting(e -> e.get("type").asText()).containsExactly(
                "LabResultRecorded", "LabResultRecorded", "LabResultRecorded", "LabResultAmended",
                "CaseReported", "CaseReportRetracted", "WardCensusRecorded", "LabResultRecorded");
        assertThat(all).extracting(e -> e.get("position").asLong()).isSorted().doesNotHaveDuplicates();

        // One more event: no longer a whole number of pages.
        facts.census("EX-1", "2026-03-02", 11, 1, 0);
        assertThat(facts.history("")).hasSize(9).extracting(e -> e.get("type").asText()).endsWith("WardCensusRecorded");
    }

    /**
     * The export's own row, version 2 (docs/epidemiology.md): where the fact sits, who sent it and
     * how, and the fact's fields flat under payload whatever the stream.
     */
    @Test
    void eachRowIsTheDocumentedVersionTwoRowWithTheFactFlat() {
        List<JsonNode> all = facts.history("");
        JsonNode first = all.get(0);
        assertThat(fieldNames(first)).containsExactly("rowVersion", "position", "type", "stream", "key", "aggregateId",
                "sequence", "recordedAt", "principal", "channel", "payload", "metadata");
        assertThat(first.get("rowVersion").asInt()).isEqualTo(2);
        assertThat(first.get("stream").asText()).isEqualTo("lab-result");
        assertThat(first.get("key").asText()).isEqualTo("L-EX-1");
        assertThat(first.get("aggregateId").asText()).isEqualTo("lab-result:L-EX-1");
        assertThat(first.get("principal").asText()).isEqualTo("lab1");
        assertThat(first.get("channel").asText()).isEqualTo("HTTP");
        assertThat(first.get("metadata").get("principal").asText()).isEqualTo("lab1");
        assertThat(first.get("metadata").get("channel").asText()).isEqualTo("HTTP");
        assertThat(first.get("payload").get("accessionNumber").asText()).isEqualTo("L-EX-1");
        assertThat(first.get("payload").get("organism").asText()).isEqualTo(MRSA);

        // payload.wardId for every stream that has a ward: lab results, case reports, census.
        assertThat(all.stream().filter(row -> !row.get("type").asText().equals("CaseReportRetracted")))
                .allSatisfy(row -> assertThat(row.get("payload").get("wardId").asText()).startsWith("EX-"));
        assertThat(all).extracting(row -> row.get("stream").asText() + "/" + row.get("key").asText()).startsWith(
                "lab-result/L-EX-1", "lab-result/L-EX-2", "lab-result/L-EX-3", "lab-result/L-EX-3",
                "case-report/C-EX-1", "case-report/C-EX-1");
        assertThat(all.get(5).get("payload").get("caseId").asText()).isEqualTo("C-EX-1");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void organismMatchesCaseInsensitivelyAfterTrimmingOnFactsAndTheirAmendments() {
        assertThat(aggregates(facts.history("?organism={o}", " STAPHYLOCOCCUS  aureus ")))
                .containsExactly("lab-result:L-EX-1", "lab-result:L-EX-2", "case-report:C-EX-1");
        // The amendment names E. coli, the first version Klebsiella: each event is judged by its own content.
        assertThat(types(facts.history("?organism={o}", "escherichia coli"))).containsExactly("LabResultAmended");
        assertThat(types(facts.history("?organism={o}", "Klebsiella pneumoniae"))).containsExactly("LabResultRecorded");
    }

    @Test
    void streamTypeAndWardNarrowAsBefore() {
        assertThat(types(facts.history("?stream=case-report"))).containsExactly("CaseReported", "CaseReportRetracted");
        assertThat(aggregates(facts.history("?wardId=EX-2"))).containsExactly("lab-result:L-EX-2", "lab-result:L-EX-4");
        assertThat(aggregates(facts.history("?type=LabResultAmended"))).containsExactly("lab-result:L-EX-3");
        assertThat(facts.history("?type=LabResultRecorded&wardId=EX-1&organism=MRSA")).isEmpty();
        assertThat(facts.history("?stream=lab-result&wardId=EX-1&organism={o}", "staphylococcus aureus")).hasSize(1);
    }

    @Test
    void thePatientFilterIsInTheSearchBodyAndCombinesWithTheOthers() {
        assertThat(aggregates(facts.search(Map.of("patientId", "P-EX-2"))))
                .containsExactly("lab-result:L-EX-2", "lab-result:L-EX-3", "lab-result:L-EX-3");
        assertThat(types(facts.search(Map.of("patientId", " P-EX-2 ", "organism", "klebsiella PNEUMONIAE"))))
                .containsExactly("LabResultRecorded");
        assertThat(types(facts.search(Map.of("patientId", "P-EX-2", "wardId", "EX-1"))))
                .containsExactly("LabResultRecorded", "LabResultAmended");
        assertThat(facts.search(Map.of("patientId", "P-NOBODY"))).isEmpty();
        // An empty body is no filter: the whole history, as GET /api/events gives it.
        assertThat(facts.search(Map.of())).isEqualTo(facts.history(""));
    }

    @Test
    void fromIsInclusiveAndToExclusiveOnTheRecordingTime() {
        List<JsonNode> patientTwo = facts.search(Map.of("patientId", "P-EX-2"));
        String amendedAt = patientTwo.get(2).get("recordedAt").asText();
        String secondAt = patientTwo.get(1).get("recordedAt").asText();

        assertThat(types(facts.search(Map.of("patientId", "P-EX-2", "from", secondAt, "to", amendedAt))))
                .containsExactly("LabResultRecorded");
        assertThat(types(facts.search(Map.of("patientId", "P-EX-2", "from", amendedAt))))
                .containsExactly("LabResultAmended");
    }

    @Test
    void csvCarriesTheSameEventsAsNdjson() {
        String csv = facts.post("epi1", "/api/events/search", Map.of("patientId", "P-EX-2", "format", "csv"))
                .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(new MediaType("text", "csv"))
                .expectBody(String.class).returnResult().getResponseBody();
        String byAccept = platform.as("epi1").post().uri("/api/events/search").contentType(MediaType.APPLICATION_JSON)
                .accept(new MediaType("text", "csv")).bodyValue(Map.of("patientId", "P-EX-2")).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        List<String> rows = csv.lines().toList();

        assertThat(byAccept).isEqualTo(csv);
        assertThat(rows.get(0)).isEqualTo("rowVersion,position,type,stream,key,aggregateId,sequence,recordedAt,"
                + "principal,channel,receivedAt,payload");
        List<JsonNode> ndjson = facts.search(Map.of("patientId", "P-EX-2"));
        assertThat(rows.subList(1, rows.size())).hasSize(3);
        for (int i = 0; i < ndjson.size(); i++) {
            JsonNode row = ndjson.get(i);
            assertThat(rows.get(i + 1)).startsWith("2," + row.get("position").asText() + "," + row.get("type").asText()
                    + ",lab-result," + row.get("key").asText() + ",lab-result:" + row.get("key").asText() + ","
                    + row.get("sequence").asText() + "," + row.get("recordedAt").asText() + ",lab1,HTTP,");
        }
        assertThat(rows.get(3)).startsWith("2,").contains(",L-EX-3,lab-result:L-EX-3,1,")
                .contains("\"\"organism\"\":\"\"Escherichia coli\"\"");
    }

    @Test
    void aPatientInTheUrlIsRefusedAndPointsToTheSearch() {
        platform.as("epi1").get().uri("/api/events?patientId=P-EX-2").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("patientId")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m)
                        .contains("POST /api/events/search").doesNotContain("P-EX-2"))
                .jsonPath("$.errors.length()").isEqualTo(1);
    }

    @Test
    void aSearchBodyIsCheckedFieldByField() {
        // A misspelt filter must not silently widen the export to every patient.
        facts.post("epi1", "/api/events/search", Map.of("patientID", "P-EX-2")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("patientID")
                .jsonPath("$.errors[0].message").isEqualTo("is not a known field");
        facts.post("epi1", "/api/events/search", Map.of("from", "yesterday", "format", "xml", "patientId", 12))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.length()").isEqualTo(3)
                .jsonPath("$.errors[?(@.field == 'from')].message")
                .isEqualTo("must be an ISO-8601 instant such as 2026-03-05T10:00:00Z")
                .jsonPath("$.errors[?(@.field == 'format')].message").isEqualTo("must be csv or ndjson")
                .jsonPath("$.errors[?(@.field == 'patientId')].message").isEqualTo("must be a string");
        platform.as("epi1").post().uri("/api/events/search").contentType(MediaType.APPLICATION_JSON).bodyValue("[1]")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("body");
    }

    @Test
    void onlyEpidemiologistsAndAdminsSearch() {
        facts.post("nurse1", "/api/events/search", Map.of("patientId", "P-EX-2")).expectStatus().isForbidden();
        facts.post("lab1", "/api/events/search", Map.of()).expectStatus().isForbidden();
        facts.post("admin", "/api/events/search", Map.of("patientId", "P-EX-2")).expectStatus().isOk();
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asText()).toList();
    }

    private static List<String> aggregates(List<JsonNode> events) {
        return events.stream().map(e -> e.get("aggregateId").asText()).toList();
    }
}

package org.hospital.surveillance.app.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hospital.surveillance.app.support.HospitalFacts;
import org.hospital.surveillance.app.support.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

/**
 * POST /api/what-if/clusters through the running app, over a history posted through the write API.
 * Each scenario has its own month and wards, so a period isolates it; every expectation below is
 * counted by hand from the case dates in the comments (admitted 15 February, so every culture here
 * is hospital-onset unless said otherwise; live rule 14 days, 3 patients).
 */
class WhatIfClustersTest {

    @TempDir
    static Path dataDir;
    static Platform platform;
    static HospitalFacts facts;

    private static final String MRSA_ORGANISM = "Staphylococcus aureus";
    private static final String KLEBSIELLA = "Klebsiella pneumoniae";
    private static final String MARCH = "2026-03-01T00:00:00Z";
    private static final String APRIL = "2026-04-01T00:00:00Z";
    private static final String MAY = "2026-05-01T00:00:00Z";
    private static final String JUNE = "2026-06-01T00:00:00Z";
    private static final String JULY = "2026-07-01T00:00:00Z";

    @BeforeAll
    static void recordTheHistory() {
        platform = Platform.start(dataDir);
        facts = new HospitalFacts(platform);
        march();
        april();
        may();
        june();
        facts.awaitQuiet();
    }

    /**
     * WA-1 MRSA: P-A1 1 Mar, P-A2 5 and 6 Mar, P-A3 12 Mar, P-A4 14 Mar, P-A5 (HAI report) 16 Mar.
     * Live: 12 Mar's window [26 Feb, 12 Mar] holds P-A1..P-A3, so it forms on 12 Mar and all join.
     * Not cases: P-A6 (amended to negative), P-A7 (report retracted). Posted out of date order.
     * WA-1 CRE: P-A11 1 Mar, P-A12 10 Mar, P-A13 15 Mar: live forms on 15 Mar ([1 Mar, 15 Mar]).
     * WA-2 ESBL: two patients, and P-A23 whose culture is on day 2 (community onset): no cluster.
     */
    private static void march() {
        facts.culture("L-A1", "P-A1", "WA-1", MRSA_ORGANISM, "MRSA", "2026-03-01T10:00:00Z");
        facts.culture("L-A4", "P-A4", "WA-1", "staphylococcus  AUREUS ", "mrsa", "2026-03-14T10:00:00Z");
        facts.culture("L-A2", "P-A2", "WA-1", MRSA_ORGANISM, "MRSA", "2026-03-05T10:00:00Z");
        facts.culture("L-A6", "P-A6", "WA-1", MRSA_ORGANISM, "MRSA", "2026-03-20T10:00:00Z");
        facts.culture("L-A3", "P-A3", "WA-1", MRSA_ORGANISM, "MRSA", "2026-03-12T10:00:00Z");
        facts.culture("L-A2b", "P-A2", "WA-1", MRSA_ORGANISM, "MRSA", "2026-03-06T10:00:00Z");
        facts.haiReport("C-A5", "P-A5", "WA-1", MRSA_ORGANISM, "MRSA", "2026-03-16T06:00:00Z");
        facts.haiReport("C-A7", "P-A7", "WA-1", MRSA_ORGANISM, "MRSA", "2026-03-18T06:00:00Z");
        facts.labResult("L-A6", "P-A6", "WA-1", HospitalFacts.ADMITTED, "2026-03-20T10:00:00Z", "NEGATIVE", null, null);
        facts.retract("C-A7");

        facts.culture("L-A11", "P-A11", "WA-1", KLEBSIELLA, "CRE", "2026-03-01T09:00:00Z");
        facts.culture("L-A12", "P-A12", "WA-1", KLEBSIELLA, "CRE", "2026-03-10T09:00:00Z");
        facts.culture("L-A13", "P-A13", "WA-1", KLEBSIELLA, "CRE", "2026-03-15T09:00:00Z");

        facts.culture("L-A21", "P-A21", "WA-2", "Escherichia coli", "ESBL", "2026-03-02T10:00:00Z");
        facts.culture("L-A22", "P-A22", "WA-2", "Escherichia coli", "ESBL", "2026-03-03T10:00:00Z");
        facts.labResult("L-A23", "P-A23", "WA-2", "2026-03-03T08:00:00Z", "2026-03-04T10:00:00Z", "POSITIVE",
                "Escherichia coli", "ESBL");
    }

    /**
     * WB-1 S. aureus: MRSA P-B1 1 Apr and P-B2 4 Apr, MSSA P-B3 6 Apr, unphenotyped P-B4 (report) 20 Apr;
     * no phenotype reaches three, so no live alert. WB-1 CRE P-B5 2 Apr: alone.
     * WB-2 MRSA: P-B11, P-B12, P-B13 on 10, 11, 12 Apr: live forms on 12 Apr.
     */
    private static void april() {
        facts.culture("L-B1", "P-B1", "WB-1", MRSA_ORGANISM, "MRSA", "2026-04-01T10:00:00Z");
        facts.culture("L-B2", "P-B2", "WB-1", MRSA_ORGANISM, "MRSA", "2026-04-04T10:00:00Z");
        facts.culture("L-B3", "P-B3", "WB-1", MRSA_ORGANISM, "MSSA", "2026-04-06T10:00:00Z");
        facts.haiReport("C-B4", "P-B4", "WB-1", MRSA_ORGANISM, null, "2026-04-20T06:00:00Z");
        facts.culture("L-B5", "P-B5", "WB-1", KLEBSIELLA, "CRE", "2026-04-02T10:00:00Z");
        facts.culture("L-B11", "P-B11", "WB-2", MRSA_ORGANISM, "MRSA", "2026-04-10T10:00:00Z");
        facts.culture("L-B12", "P-B12", "WB-2", MRSA_ORGANISM, "MRSA", "2026-04-11T10:00:00Z");
        facts.culture("L-B13", "P-B13", "WB-2", MRSA_ORGANISM, "MRSA", "2026-04-12T10:00:00Z");
    }

    /**
     * VRE in three wards, one patient each: P-C1 WC-1 1 May, P-C2 WC-2 3 May, P-C3 WC-3 8 May.
     * KPC: P-C11..P-C13 in WC-4 on 10, 11, 12 May (live forms on 12 May), P-C14 in WC-5 13 May.
     */
    private static void may() {
        facts.culture("L-C1", "P-C1", "WC-1", "Enterococcus faecium", "VRE", "2026-05-01T10:00:00Z");
        facts.culture("L-C2", "P-C2", "WC-2", "Enterococcus faecium", "VRE", "2026-05-03T10:00:00Z");
        facts.culture("L-C3", "P-C3", "WC-3", "Enterococcus faecium", "VRE", "2026-05-08T10:00:00Z");
        facts.culture("L-C11", "P-C11", "WC-4", KLEBSIELLA, "KPC", "2026-05-10T10:00:00Z");
        facts.culture("L-C12", "P-C12", "WC-4", KLEBSIELLA, "KPC", "2026-05-11T10:00:00Z");
        facts.culture("L-C13", "P-C13", "WC-4", KLEBSIELLA, "KPC", "2026-05-12T10:00:00Z");
        facts.culture("L-C14", "P-C14", "WC-5", KLEBSIELLA, "KPC", "2026-05-13T10:00:00Z");
    }

    /**
     * WD-1 MRSA: P-D1..P-D3 on 1, 2, 3 June form a live cluster, which a nurse closes; then P-D4..P-D6
     * on 5, 6, 7 June form the key's second live cluster (the first one's cases no longer count).
     */
    private static void june() {
        facts.culture("L-D1", "P-D1", "WD-1", MRSA_ORGANISM, "MRSA", "2026-06-01T10:00:00Z");
        facts.culture("L-D2", "P-D2", "WD-1", MRSA_ORGANISM, "MRSA", "2026-06-02T10:00:00Z");
        facts.culture("L-D3", "P-D3", "WD-1", MRSA_ORGANISM, "MRSA", "2026-06-03T10:00:00Z");
        String first = facts.awaitAlerts("?wardId=WD-1", a -> a.size() == 1).get(0).get("alertId").asText();
        facts.closeAlert(first, "CONFIRMED_OUTBREAK");
        facts.awaitAlerts("?wardId=WD-1&status=CLOSED", a -> a.size() == 1);
        facts.culture("L-D4", "P-D4", "WD-1", MRSA_ORGANISM, "MRSA", "2026-06-05T10:00:00Z");
        facts.culture("L-D5", "P-D5", "WD-1", MRSA_ORGANISM, "MRSA", "2026-06-06T10:00:00Z");
        facts.culture("L-D6", "P-D6", "WD-1", MRSA_ORGANISM, "MRSA", "2026-06-07T10:00:00Z");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void theLiveParametersReproduceExactlyTheLiveAlerts() {
        long eventsBefore = platform.eventCount();
        List<JsonNode> live = facts.alerts("?type=CLUSTER&wardId=WA-1");
        assertThat(live).hasSize(2);

        JsonNode answer = whatIf(question(MARCH, APRIL, 14, 3, "ORGANISM_AND_PHENOTYPE", "WARD"));

        assertThat(answer.get("alerts")).hasSize(2);
        for (JsonNode alert : live) {
            JsonNode same = only(answer.get("alerts"), "organism", alert.get("organism").asText());
            for (String field : List.of("type", "wardId", "organism", "phenotype", "caseCount", "patientIds",
                    "firstCaseAt", "lastCaseAt")) {
                assertThat(same.get(field)).as(field).isEqualTo(alert.get(field));
            }
            assertThat(same.has("alertId")).isFalse();
        }
        JsonNode mrsa = only(answer.get("alerts"), "organism", MRSA_ORGANISM);
        assertThat(mrsa.get("patientIds")).isEqualTo(HospitalFacts.json("[\"P-A1\",\"P-A2\",\"P-A3\",\"P-A4\",\"P-A5\"]"));
        assertThat(mrsa.get("formedOn").asText()).isEqualTo("2026-03-12");
        assertThat(only(answer.get("alerts"), "organism", KLEBSIELLA).get("formedOn").asText()).isEqualTo("2026-03-15");

        JsonNode comparison = answer.get("comparison");
        assertThat(comparison.get("extra")).isEmpty();
        assertThat(comparison.get("missing")).isEmpty();
        assertThat(comparison.get("same")).hasSize(2).allSatisfy(same -> {
            assertThat(same.get("timing").asText()).isEqualTo("SAME");
            assertThat(same.get("formedDaysEarlier").asLong()).isZero();
            assertThat(same.get("firstCaseDaysEarlier").asLong()).isZero();
            assertThat(same.get("live")).hasSize(1);
        });
        assertThat(comparison.get("same")).extracting(s -> s.get("live").get(0).get("alertId").asText())
                .containsExactlyInAnyOrderElementsOf(live.stream().map(a -> a.get("alertId").asText()).toList());

        // Leaving the window and threshold out asks with the live rule's; nothing is written either way.
        assertThat(whatIf(Map.of("from", MARCH, "to", APRIL)).get("alerts")).isEqualTo(answer.get("alerts"));
        assertThat(platform.eventCount()).isEqualTo(eventsBefore);
        assertThat(facts.alerts("?type=CLUSTER&wardId=WA-1")).isEqualTo(live);
    }

    @Test
    void aSevenDayWindowKeepsOnlyTheHandCountedSubset() {
        JsonNode answer = whatIf(question(MARCH, APRIL, 7, 3, "ORGANISM_AND_PHENOTYPE", "WARD"));

        // MRSA: only 16 Mar's window [9 Mar, 16 Mar] holds three patients (P-A3, P-A4, P-A5); 12 Mar's
        // [5 Mar, 12 Mar] holds P-A2 twice and P-A3. CRE: no 7-day window holds more than two.
        assertThat(answer.get("alerts")).hasSize(1);
        JsonNode mrsa = answer.get("alerts").get(0);
        assertThat(mrsa.get("wardId").asText()).isEqualTo("WA-1");
        assertThat(mrsa.get("phenotype").asText()).isEqualTo("MRSA");
        assertThat(mrsa.get("patientIds")).isEqualTo(HospitalFacts.json("[\"P-A3\",\"P-A4\",\"P-A5\"]"));
        assertThat(mrsa.get("caseCount").asInt()).isEqualTo(3);
        assertThat(mrsa.get("firstCaseAt").asText()).isEqualTo("2026-03-12T10:00:00Z");
        assertThat(mrsa.get("lastCaseAt").asText()).isEqualTo("2026-03-16T06:00:00Z");
        assertThat(mrsa.get("formedOn").asText()).isEqualTo("2026-03-16");

        JsonNode comparison = answer.get("comparison");
        JsonNode same = comparison.get("same").get(0);
        assertThat(comparison.get("same")).hasSize(1);
        assertThat(same.get("timing").asText()).isEqualTo("LATER");
        assertThat(same.get("formedDaysEarlier").asLong()).isEqualTo(-4);
        assertThat(same.get("firstCaseDaysEarlier").asLong()).isEqualTo(-11);
        assertThat(same.get("live").get(0).get("formedOn").asText()).isEqualTo("2026-03-12");
        assertThat(same.get("live").get(0).get("patientIds")).hasSize(5);
        assertThat(comparison.get("extra")).isEmpty();
        assertThat(comparison.get("missing")).hasSize(1);
        JsonNode missing = comparison.get("missing").get(0);
        assertThat(missing.get("organism").asText()).isEqualTo(KLEBSIELLA);
        assertThat(missing.get("patientIds")).isEqualTo(HospitalFacts.json("[\"P-A11\",\"P-A12\",\"P-A13\"]"));
        assertThat(missing.get("status").asText()).isEqualTo("OPEN");
        assertThat(missing.get("alertId").asText()).startsWith("CLU-");
    }

    @Test
    void aShorterWindowWithTwoPatientsFiresEarlierAndFindsMore() {
        // Threshold 2 within 7 days: MRSA forms on 5 Mar (P-A1 1 Mar, P-A2 5 Mar), 7 days before the live 12 Mar;
        // CRE (1, 10, 15 Mar) on 15 Mar with P-A12 and P-A13 ([8 Mar, 15 Mar]), the live day, but starting
        // 9 days later than live's first case; ESBL (2, 3 Mar) on 3 Mar, where the live rule raised nothing.
        JsonNode answer = whatIf(question(MARCH, APRIL, 7, 2, "ORGANISM_AND_PHENOTYPE", "WARD"));

        JsonNode comparison = answer.get("comparison");
        JsonNode mrsa = only(comparison.get("same"), s -> s.get("whatIf").get("organism").asText().equals(MRSA_ORGANISM));
        assertThat(mrsa.get("timing").asText()).isEqualTo("EARLIER");
        assertThat(mrsa.get("formedDaysEarlier").asLong()).isEqualTo(7);
        assertThat(mrsa.get("whatIf").get("formedOn").asText()).isEqualTo("2026-03-05");
        JsonNode cre = only(comparison.get("same"), s -> s.get("whatIf").get("organism").asText().equals(KLEBSIELLA));
        assertThat(cre.get("timing").asText()).isEqualTo("SAME");
        assertThat(cre.get("whatIf").get("patientIds")).isEqualTo(HospitalFacts.json("[\"P-A12\",\"P-A13\"]"));
        assertThat(cre.get("firstCaseDaysEarlier").asLong()).isEqualTo(-9);
        assertThat(comparison.get("extra")).hasSize(1);
        JsonNode esbl = comparison.get("extra").get(0);
        assertThat(esbl.get("wardId").asText()).isEqualTo("WA-2");
        assertThat(esbl.get("patientIds")).isEqualTo(HospitalFacts.json("[\"P-A21\",\"P-A22\"]"));
        assertThat(esbl.get("formedOn").asText()).isEqualTo("2026-03-03");
        assertThat(comparison.get("missing")).isEmpty();
    }

    @Test
    void matchingOnOrganismOnlyPutsThePhenotypesTogether() {
        JsonNode answer = whatIf(question(APRIL, MAY, 14, 3, "ORGANISM", "WARD"));

        // WB-1 S. aureus, any phenotype: 6 Apr's window [23 Mar, 6 Apr] holds P-B1, P-B2, P-B3; P-B4 (20 Apr) joins.
        JsonNode comparison = answer.get("comparison");
        assertThat(comparison.get("extra")).hasSize(1);
        JsonNode wb1 = comparison.get("extra").get(0);
        assertThat(wb1.get("wardId").asText()).isEqualTo("WB-1");
        assertThat(wb1.get("organism").asText()).isEqualTo(MRSA_ORGANISM);
        assertThat(wb1.has("phenotype")).isFalse();
        assertThat(wb1.get("phenotypes")).isEqualTo(HospitalFacts.json("[\"MRSA\",\"MSSA\"]"));
        assertThat(wb1.get("patientIds")).isEqualTo(HospitalFacts.json("[\"P-B1\",\"P-B2\",\"P-B3\",\"P-B4\"]"));
        assertThat(wb1.get("formedOn").asText()).isEqualTo("2026-04-06");
        assertThat(wb1.get("lastCaseAt").asText()).isEqualTo("2026-04-20T06:00:00Z");
        // WB-2's MRSA cluster is the live one, matched though the what-if ignores the phenotype.
        assertThat(comparison.get("same")).hasSize(1);
        JsonNode wb2 = comparison.get("same").get(0);
        assertThat(wb2.get("whatIf").get("patientIds")).isEqualTo(HospitalFacts.json("[\"P-B11\",\"P-B12\",\"P-B13\"]"));
        assertThat(wb2.get("live").get(0).get("phenotype").asText()).isEqualTo("MRSA");
        assertThat(wb2.get("timing").asText()).isEqualTo("SAME");
        assertThat(comparison.get("missing")).isEmpty();
        assertThat(answer.get("alerts")).hasSize(2);
    }

    @Test
    void theHospitalScopeCountsAcrossWards() {
        JsonNode answer = whatIf(question(MAY, JUNE, 14, 3, "ORGANISM_AND_PHENOTYPE", "HOSPITAL"));

        JsonNode comparison = answer.get("comparison");
        // VRE: one patient in each of three wards, 1 to 8 May: a cluster only hospital-wide.
        assertThat(comparison.get("extra")).hasSize(1);
        JsonNode vre = comparison.get("extra").get(0);
        assertThat(vre.has("wardId")).isFalse();
        assertThat(vre.get("wardIds")).isEqualTo(HospitalFacts.json("[\"WC-1\",\"WC-2\",\"WC-3\"]"));
        assertThat(vre.get("patientIds")).isEqualTo(HospitalFacts.json("[\"P-C1\",\"P-C2\",\"P-C3\"]"));
        assertThat(vre.get("formedOn").asText()).isEqualTo("2026-05-08");
        // KPC: the live WC-4 cluster, which hospital-wide also takes in WC-5's patient.
        assertThat(comparison.get("same")).hasSize(1);
        JsonNode kpc = comparison.get("same").get(0);
        assertThat(kpc.get("whatIf").get("wardIds")).isEqualTo(HospitalFacts.json("[\"WC-4\",\"WC-5\"]"));
        assertThat(kpc.get("whatIf").get("caseCount").asInt()).isEqualTo(4);
        assertThat(kpc.get("live").get(0).get("wardId").asText()).isEqualTo("WC-4");
        assertThat(kpc.get("live").get(0).get("caseCount").asInt()).isEqualTo(3);
        assertThat(kpc.get("timing").asText()).isEqualTo("SAME");
        assertThat(comparison.get("missing")).isEmpty();
    }

    @Test
    void withoutNursesAClosedClusterAndTheNextOneAreOneCluster() {
        List<JsonNode> live = facts.alerts("?type=CLUSTER&wardId=WD-1");
        assertThat(live).hasSize(2);

        JsonNode answer = whatIf(question(JUNE, JULY, 14, 3, "ORGANISM_AND_PHENOTYPE", "WARD"));

        // Nobody closes the what-if cluster formed on 3 June, so P-D4..P-D6 join it instead of forming a second.
        assertThat(answer.get("alerts")).hasSize(1);
        assertThat(answer.get("alerts").get(0).get("patientIds")).isEqualTo(
                HospitalFacts.json("[\"P-D1\",\"P-D2\",\"P-D3\",\"P-D4\",\"P-D5\",\"P-D6\"]"));
        JsonNode same = answer.get("comparison").get("same").get(0);
        assertThat(same.get("live")).extracting(a -> a.get("status").asText()).containsExactly("CLOSED", "OPEN");
        assertThat(same.get("live")).extracting(a -> a.get("formedOn").asText()).containsExactly("2026-06-03", "2026-06-07");
        assertThat(same.get("timing").asText()).isEqualTo("SAME");
        assertThat(answer.get("comparison").get("missing")).isEmpty();
    }

    @Test
    void thePeriodBoundsTheCaseDates() {
        // [5 Mar, 13 Mar): P-A2 (5, 6 Mar) and P-A3 (12 Mar) only, plus CRE P-A12 (10 Mar): no cluster of three.
        JsonNode answer = whatIf(question("2026-03-05T00:00:00Z", "2026-03-13T00:00:00Z", 14, 3,
                "ORGANISM_AND_PHENOTYPE", "WARD"));

        assertThat(answer.get("alerts")).isEmpty();
        // Both live WA-1 clusters have cases in the period, so the live rule raised them "in" it.
        assertThat(answer.get("comparison").get("missing")).hasSize(2);
        assertThat(answer.get("rule").get("windowDays").asInt()).isEqualTo(14);
        assertThat(answer.get("liveRule").get("threshold").asInt()).isEqualTo(3);
    }

    @Test
    void aBadQuestionIsA400NamingEveryBadField() {
        facts.post("epi1", "/api/what-if/clusters", Map.of("from", APRIL, "to", MARCH, "windowDays", 0, "threshold", 1,
                        "match", "organism", "scope", "CITY", "window", 7))
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(6)
                .jsonPath("$.errors[?(@.field == 'to')].message").isEqualTo("must be after from")
                .jsonPath("$.errors[?(@.field == 'windowDays')].message").isEqualTo("must be at least 1")
                .jsonPath("$.errors[?(@.field == 'threshold')].message").isEqualTo("must be at least 2 (one case is not a cluster)")
                .jsonPath("$.errors[?(@.field == 'match')].message").isEqualTo("must be one of [ORGANISM_AND_PHENOTYPE, ORGANISM]")
                .jsonPath("$.errors[?(@.field == 'scope')].message").isEqualTo("must be one of [WARD, HOSPITAL]")
                .jsonPath("$.errors[?(@.field == 'window')].message").isEqualTo("is not a known field");
        facts.post("epi1", "/api/what-if/clusters", Map.of("to", "April", "windowDays", 7.5)).expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'from')].message").isEqualTo("is required")
                .jsonPath("$.errors[?(@.field == 'to')].message").isEqualTo("must be an ISO-8601 instant such as 2026-03-05T10:00:00Z")
                .jsonPath("$.errors[?(@.field == 'windowDays')].message").isEqualTo("must be a whole number");
        facts.post("epi1", "/api/what-if/clusters", Map.of("from", MARCH, "to", MARCH)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("to");
    }

    @Test
    void onlyEpidemiologistsAndAdminsAsk() {
        Map<String, Object> question = question(MARCH, APRIL, 7, 3, "ORGANISM_AND_PHENOTYPE", "WARD");
        facts.post("nurse1", "/api/what-if/clusters", question).expectStatus().isForbidden();
        facts.post("lab1", "/api/what-if/clusters", question).expectStatus().isForbidden();
        facts.post("admin", "/api/what-if/clusters", question).expectStatus().isOk();
    }

    private static Map<String, Object> question(String from, String to, int windowDays, int threshold, String match,
                                                String scope) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from);
        body.put("to", to);
        body.put("windowDays", windowDays);
        body.put("threshold", threshold);
        body.put("match", match);
        body.put("scope", scope);
        return body;
    }

    private static JsonNode whatIf(Map<String, Object> question) {
        return facts.post("epi1", "/api/what-if/clusters", question).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static JsonNode only(JsonNode array, String field, String value) {
        return only(array, node -> node.get(field).asText().equals(value));
    }

    private static JsonNode only(JsonNode array, java.util.function.Predicate<JsonNode> condition) {
        List<JsonNode> found = new ArrayList<>();
        array.forEach(node -> {
            if (condition.test(node)) {
                found.add(node);
            }
        });
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}

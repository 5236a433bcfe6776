package org.hospital.surveillance.query.rates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.hospital.surveillance.query.support.FigureBuckets;
import org.hospital.surveillance.query.support.FixedPast;
import org.hospital.surveillance.query.support.ReadModelCollections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

class RatesControllerTest extends FigureBuckets {

    private WebTestClient client;

    @BeforeEach
    void march() {
        insert(database, RatesController.BUCKETS, List.of(
                // SURG-2: census, no case.
                wardMonth("SURG-2", "2026-03", new Document("2026-03-01", day(10, 1, 0, 0, 0)), new Document()),
                // ICU-1: three census days, three HAI cases.
                wardMonth("ICU-1", "2026-03",
                        new Document("2026-03-01", day(18, 2, 6, 8, 4))
                                .append("2026-03-02", day(20, 2, 6, 7, 4))
                                .append("2026-03-03", day(22, 3, 5, 8, 3)),
                        new Document("C-1", haiCase("VENTILATOR")).append("C-2", haiCase("CENTRAL_LINE")).append("C-3", haiCase(null))),
                // MED-3: a case, no census.
                wardMonth("MED-3", "2026-03", new Document(), new Document("C-9", haiCase(null))),
                // EMPTY-4: every fact moved away; no row.
                wardMonth("EMPTY-4", "2026-03", new Document(), new Document()),
                wardMonth("ICU-1", "2026-04", new Document("2026-04-01", day(5, 5, 5, 5, 5)), new Document("C-4", haiCase(null)))));
        client = clientFor(new RatesController(database, new FixedPast(), APP_JSON));
    }

    @Test
    void oneRowPerWardWithFactsInTheMonthSortedByWardWithHandComputedRates() {
        // ICU-1: patient-days 18+20+22 = 60, admissions 2+2+3 = 7, 3 cases:
        //   density 3/60*1000 = 50.000, incidence 3/7*100 = 42.857142.. -> 42.857;
        //   central line 1 case / (6+6+5 = 17) days *1000 = 58.8235.. -> 58.824;
        //   urinary catheter 0 / (8+7+8 = 23) -> 0.0; ventilator 1 / (4+4+3 = 11) *1000 = 90.9090.. -> 90.909.
        // MED-3: a case without census: every denominator 0 -> null rates.
        // SURG-2: census without case: 0 per 10 patient-days = 0.0, 0 per 1 admission = 0.0; no device days -> null.
        client.get().uri("/api/rates?month=2026-03").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        [
                          {"wardId":"ICU-1","month":"2026-03","haiCases":3,"patientDays":60,"admissions":7,
                           "incidenceDensityPer1000PatientDays":50.0,"incidencePercent":42.857,
                           "deviceAssociated":{
                             "CENTRAL_LINE":{"cases":1,"deviceDays":17,"ratePer1000DeviceDays":58.824},
                             "URINARY_CATHETER":{"cases":0,"deviceDays":23,"ratePer1000DeviceDays":0.0},
                             "VENTILATOR":{"cases":1,"deviceDays":11,"ratePer1000DeviceDays":90.909}}},
                          {"wardId":"MED-3","month":"2026-03","haiCases":1,"patientDays":0,"admissions":0,
                           "incidenceDensityPer1000PatientDays":null,"incidencePercent":null,
                           "deviceAssociated":{
                             "CENTRAL_LINE":{"cases":0,"deviceDays":0,"ratePer1000DeviceDays":null},
                             "URINARY_CATHETER":{"cases":0,"deviceDays":0,"ratePer1000DeviceDays":null},
                             "VENTILATOR":{"cases":0,"deviceDays":0,"ratePer1000DeviceDays":null}}},
                          {"wardId":"SURG-2","month":"2026-03","haiCases":0,"patientDays":10,"admissions":1,
                           "incidenceDensityPer1000PatientDays":0.0,"incidencePercent":0.0,
                           "deviceAssociated":{
                             "CENTRAL_LINE":{"cases":0,"deviceDays":0,"ratePer1000DeviceDays":null},
                             "URINARY_CATHETER":{"cases":0,"deviceDays":0,"ratePer1000DeviceDays":null},
                             "VENTILATOR":{"cases":0,"deviceDays":0,"ratePer1000DeviceDays":null}}}
                        ]""", JsonCompareMode.STRICT);
    }

    @Test
    void wardIdNarrowsToThatWard() {
        // April ICU-1: 1 case / 5 patient-days *1000 = 200.0; 1/5 admissions = 20.0; each device 0/5 = 0.0.
        client.get().uri("/api/rates?month=2026-04&wardId=ICU-1").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].haiCases").isEqualTo(1)
                .jsonPath("$[0].incidenceDensityPer1000PatientDays").isEqualTo(200.0)
                .jsonPath("$[0].incidencePercent").isEqualTo(20.0);
        client.get().uri("/api/rates?month=2026-03&wardId=NOWHERE").exchange()
                .expectStatus().isOk().expectBody().json("[]", JsonCompareMode.STRICT);
    }

    @Test
    void aMonthWithoutFactsIsAnEmptyList() {
        client.get().uri("/api/rates?month=2025-12").exchange()
                .expectStatus().isOk().expectBody().json("[]", JsonCompareMode.STRICT);
    }

    @Test
    void monthIsRequiredAsYearDashMonth() {
        client.get().uri("/api/rates").exchange().expectStatus().isBadRequest();
        client.get().uri("/api/rates?month=").exchange().expectStatus().isBadRequest();
        client.get().uri("/api/rates?month=2026-3").exchange().expectStatus().isBadRequest();
        client.get().uri("/api/rates?month=2026-13").exchange().expectStatus().isBadRequest();
        client.get().uri("/api/rates?month=March").exchange().expectStatus().isBadRequest();
    }

    @Test
    void asOfAnswersFromThePastReadModelSelectingAndSortingAsTheLiveQueryDoes() {
        // The past holds other figures than the live collection: ICU-1 then had one census day (10 patients,
        // 1 admission) and one case: 1/10*1000 = 100.0 per 1000 patient-days, 1/1*100 = 100.0 %.
        FixedPast past = new FixedPast().with("rates", RatesController.BUCKETS, List.of(
                wardMonth("SURG-2", "2026-03", new Document("2026-03-01", day(4, 0, 0, 0, 0)), new Document()),
                wardMonth("ICU-1", "2026-04", new Document("2026-04-01", day(9, 9, 9, 9, 9)), new Document()),
                wardMonth("ICU-1", "2026-03", new Document("2026-03-01", day(10, 1, 0, 0, 0)),
                        new Document("C-1", haiCase(null)))));
        WebTestClient asOf = clientFor(new RatesController(database, past, APP_JSON));

        asOf.get().uri("/api/rates?month=2026-03&asOf=2026-03-15T12:00:00Z").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(2)
                .jsonPath("$[0].wardId").isEqualTo("ICU-1")
                .jsonPath("$[0].haiCases").isEqualTo(1)
                .jsonPath("$[0].incidenceDensityPer1000PatientDays").isEqualTo(100.0)
                .jsonPath("$[0].incidencePercent").isEqualTo(100.0)
                .jsonPath("$[1].wardId").isEqualTo("SURG-2")
                .jsonPath("$[1].patientDays").isEqualTo(4);
        asOf.get().uri("/api/rates?month=2026-04&wardId=ICU-1&asOf=2026-03-15T12:00:00Z").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].patientDays").isEqualTo(9);
        assertThat(past.askedFor).containsOnly(Instant.parse("2026-03-15T12:00:00Z"));
    }

    @Test
    void aMalformedAsOfIsABadRequest() {
        client.get().uri("/api/rates?month=2026-03&asOf=yesterday").exchange().expectStatus().isBadRequest();
    }

    @Test
    void theLiveQueryFollowsTheProjectionsActiveGeneration() {
        insert(database, RatesController.BUCKETS + "_g2", List.of(
                wardMonth("NEW-9", "2026-03", new Document("2026-03-01", day(7, 0, 0, 0, 0)), new Document())));
        insert(database, ReadModelCollections.GENERATIONS, List.of(new Document("_id", "rates").append("generation", 2)
                .append("collections", new Document(RatesController.BUCKETS, RatesController.BUCKETS + "_g2")
                        .append("rates_facts", "rates_facts_g2"))));

        client.get().uri("/api/rates?month=2026-03").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].wardId").isEqualTo("NEW-9")
                .jsonPath("$[0].patientDays").isEqualTo(7);
    }

    private static Document wardMonth(String ward, String month, Document census, Document cases) {
        return bucket("wardId", ward, month, "census", census).append("cases", cases);
    }

    private static Document day(int present, int admissions, int centralLine, int urinaryCatheter, int ventilator) {
        return new Document("patientsPresent", present).append("admissions", admissions)
                .append("centralLineDays", centralLine).append("urinaryCatheterDays", urinaryCatheter)
                .append("ventilatorDays", ventilator);
    }

    private static Document haiCase(String device) {
        return new Document("onsetDate", "2026-03-10").append("infectionSite", "BSI").append("device", device);
    }
}

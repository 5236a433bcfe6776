package org.hospital.surveillance.query.rates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.bson.Document;
import org.hospital.surveillance.events.casereport.CaseCategory;
import org.hospital.surveillance.events.casereport.CaseReport;
import org.hospital.surveillance.events.casereport.CaseReported;
import org.hospital.surveillance.events.casereport.DeviceAssociation;
import org.hospital.surveillance.events.casereport.InfectionSite;
import org.hospital.surveillance.events.census.WardCensus;
import org.hospital.surveillance.events.census.WardCensusRecorded;
import org.hospital.surveillance.projection.rates.RatesProjection;
import org.hospital.surveillance.projection.support.Bucket;
import org.hospital.surveillance.query.support.FigureBuckets;
import org.hospital.surveillance.query.support.FixedPast;
import org.hospital.surveillance.query.support.WrittenAndRead;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * GET /api/rates over buckets the live rates projection wrote (sync driver) into a wire server,
 * read by the controller through the reactive driver: two years of buckets for three wards, read a
 * month at a time through the month's key list.
 */
@Timeout(60)
class RatesFromMonthKeyListsTest {

    private WrittenAndRead mongo;
    private RatesProjection projection;
    private WebTestClient client;
    private com.mongodb.client.MongoDatabase written;

    @BeforeEach
    void twoYearsOfThreeWards() {
        mongo = new WrittenAndRead();
        written = mongo.written();
        projection = new RatesProjection(written, HospitalCalendar.utc());
        client = FigureBuckets.clientFor(new RatesController(mongo.read(), new FixedPast(), FigureBuckets.APP_JSON));

        // One census day per ward and month, July 2025 to December 2026: 54 buckets.
        for (YearMonth month = YearMonth.of(2025, 7); !month.isAfter(YearMonth.of(2026, 12)); month = month.plusMonths(1)) {
            for (String ward : new String[] {"ICU-1", "MED-3", "SURG-2"}) {
                census(ward, month.atDay(1), 10, 1, 0, 0, 0);
            }
        }
        // March 2026 of ICU-1: a second census day on the first one's ward, devices, and one HAI case.
        census("ICU-1", LocalDate.of(2026, 3, 2), 28, 3, 12, 15, 8);
        projection.on(new CaseReported(new CaseReport("C-1", "P-1", "ICU-1", CaseCategory.HAI, InfectionSite.PNEU,
                "Acinetobacter baumannii", "CRAB", Instant.parse("2026-03-10T06:00:00Z"), DeviceAssociation.VENTILATOR,
                null, null)), 0);
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void aMonthAmongManyHasItsOwnWardsWithHandComputedRates() {
        // ICU-1: patient-days 10+28 = 38, admissions 1+3 = 4, one case (ventilator):
        //   density 1/38*1000 = 26.3157.. -> 26.316; incidence 1/4*100 = 25.0;
        //   central line 0/12 -> 0.0; urinary catheter 0/15 -> 0.0; ventilator 1/8*1000 = 125.0.
        // MED-3, SURG-2: 10 patient-days, 1 admission, no case: 0.0 and 0.0; no device days -> null.
        client.get().uri("/api/rates?month=2026-03").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        [
                          {"wardId":"ICU-1","month":"2026-03","haiCases":1,"patientDays":38,"admissions":4,
                           "incidenceDensityPer1000PatientDays":26.316,"incidencePercent":25.0,
                           "deviceAssociated":{
                             "CENTRAL_LINE":{"cases":0,"deviceDays":12,"ratePer1000DeviceDays":0.0},
                             "URINARY_CATHETER":{"cases":0,"deviceDays":15,"ratePer1000DeviceDays":0.0},
                             "VENTILATOR":{"cases":1,"deviceDays":8,"ratePer1000DeviceDays":125.0}}},
                          %s,
                          %s
                        ]""".formatted(quietWard("MED-3", 10, 1), quietWard("SURG-2", 10, 1)), JsonCompareMode.STRICT);
    }

    @Test
    void aMonthWithoutBucketsIsEmptyWhileTheKeyListsAreComplete() {
        assertThat(written.getCollection(RatesProjection.BUCKETS).find(new Document("_id", Bucket.KEYS_COMPLETE)).first())
                .isNotNull();

        client.get().uri("/api/rates?month=2027-01").exchange()
                .expectStatus().isOk()
                .expectBody().json("[]", JsonCompareMode.STRICT);
    }

    @Test
    void aWardThatAppearsInTheMonthLaterIsReadFromThen() {
        client.get().uri("/api/rates?month=2026-05").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[*].wardId").isEqualTo(List.of("ICU-1", "MED-3", "SURG-2"));

        census("ER-4", LocalDate.of(2026, 5, 20), 12, 3, 0, 0, 0);

        // ER-4: 12 patient-days, 3 admissions, no case: 0/12 -> 0.0, 0/3 -> 0.0; no device days -> null.
        client.get().uri("/api/rates?month=2026-05").exchange()
                .expectStatus().isOk()
                .expectBody().json("[%s,%s,%s,%s]".formatted(quietWard("ER-4", 12, 3), quietWard("ICU-1", 10, 1),
                        quietWard("MED-3", 10, 1), quietWard("SURG-2", 10, 1)).replace("\"month\":\"2026-03\"", "\"month\":\"2026-05\""),
                        JsonCompareMode.STRICT);
        assertThat(written.getCollection(RatesProjection.BUCKETS).find(new Document("_id", "2026-05|keys")).first()
                .get("keys", Document.class)).containsOnlyKeys("ER-4", "ICU-1", "MED-3", "SURG-2");
    }

    @Test
    void theMonthIsReadByItsKeyListNotByFilteringEveryBucketOnTheMonth() {
        // A bucket no projection listed (it never writes one so): a read by the key list does not see it.
        written.getCollection(RatesProjection.BUCKETS).insertOne(new Document("_id", "GHOST-9|2026-03")
                .append("wardId", "GHOST-9").append("month", "2026-03")
                .append("census", new Document("2026-03-01", new Document("patientsPresent", 5).append("admissions", 1))));

        client.get().uri("/api/rates?month=2026-03").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[*].wardId").isEqualTo(List.of("ICU-1", "MED-3", "SURG-2"));
    }

    @Test
    void bucketsWrittenBeforeKeyListsWereKeptAreReadByTheirMonth() {
        // As a read model written before key lists were kept, until its rebuild: no mark, no lists.
        written.getCollection(RatesProjection.BUCKETS).deleteMany(new Document("_id", Bucket.KEYS_COMPLETE));
        written.getCollection(RatesProjection.BUCKETS).deleteMany(new Document("_id", "2026-03|keys"));

        client.get().uri("/api/rates?month=2026-03").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[*].wardId").isEqualTo(List.of("ICU-1", "MED-3", "SURG-2"))
                .jsonPath("$[0].patientDays").isEqualTo(38);
    }

    private void census(String ward, LocalDate date, int present, int admissions, int centralLine, int urinaryCatheter,
                        int ventilator) {
        projection.on(new WardCensusRecorded(new WardCensus(ward, date, present, admissions, centralLine, urinaryCatheter,
                ventilator)), 0);
    }

    /** A ward of March 2026 with census and no case: both rates 0.0, every device rate null. */
    private static String quietWard(String ward, int patientDays, int admissions) {
        return """
                {"wardId":"%s","month":"2026-03","haiCases":0,"patientDays":%d,"admissions":%d,
                 "incidenceDensityPer1000PatientDays":0.0,"incidencePercent":0.0,
                 "deviceAssociated":{
                   "CENTRAL_LINE":{"cases":0,"deviceDays":0,"ratePer1000DeviceDays":null},
                   "URINARY_CATHETER":{"cases":0,"deviceDays":0,"ratePer1000DeviceDays":null},
                   "VENTILATOR":{"cases":0,"deviceDays":0,"ratePer1000DeviceDays":null}}}""".formatted(ward, patientDays, admissions);
    }
}

package org.hospital.surveillance.query.rates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.bson.Document;
import org.hospital.surveillance.events.census.WardCensus;
import org.hospital.surveillance.events.census.WardCensusRecorded;
import org.hospital.surveillance.projection.rates.RatesProjection;
import org.hospital.surveillance.projection.support.ReadModelChanges;
import org.hospital.surveillance.query.support.FigureBuckets;
import org.hospital.surveillance.query.support.FixedPast;
import org.hospital.surveillance.query.support.JsonBody;
import org.hospital.surveillance.query.support.WrittenAndRead;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * GET /api/rates keeps a month's answer while the buckets are unchanged: the live rates projection
 * writes (sync driver, announcing its writes in {@code read_model_changes}), the controller reads
 * through the reactive driver, both over TCP to one wire server. A bucket changed behind the
 * projection's back (no announcement) shows whether an answer was kept: a kept one still has the
 * old figure. A client that accepts gzip gets the same kept answer compressed.
 */
@Timeout(60)
class KeptMonthAnswersTest {

    private WrittenAndRead mongo;
    private RatesProjection projection;
    private WebTestClient client;
    private MongoDatabase written;

    @BeforeEach
    void marchOfTwoWards() {
        mongo = new WrittenAndRead();
        written = mongo.written();
        projection = new RatesProjection(written, HospitalCalendar.utc());
        client = FigureBuckets.clientFor(new RatesController(mongo.read(), new FixedPast(), FigureBuckets.APP_JSON));
        census("ICU-1", LocalDate.of(2026, 3, 1), 10);
        census("MED-3", LocalDate.of(2026, 3, 1), 20);
        census("ICU-1", LocalDate.of(2026, 4, 1), 30);
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void anAnswerIsKeptUntilTheProjectionWritesAndTheNextReadSeesTheWrite() {
        assertPatientDays("/api/rates?month=2026-03", 10, 20);

        behindTheProjectionsBack("ICU-1|2026-03", "2026-03-01", 99);
        // Kept: the bucket changed without a write of the projection.
        assertPatientDays("/api/rates?month=2026-03", 10, 20);

        census("MED-3", LocalDate.of(2026, 3, 2), 5);
        // Read afresh after the projection's write: ICU-1 as the bucket now holds it, MED-3 20 + 5 = 25.
        assertPatientDays("/api/rates?month=2026-03", 99, 25);
    }

    @Test
    void eachMonthAndWardFilterHasItsOwnAnswer() {
        for (int round = 0; round < 2; round++) {
            assertPatientDays("/api/rates?month=2026-03", 10, 20);
            assertPatientDays("/api/rates?month=2026-03&wardId=ICU-1", 10);
            assertPatientDays("/api/rates?month=2026-03&wardId=MED-3", 20);
            assertPatientDays("/api/rates?month=2026-04", 30);
            assertPatientDays("/api/rates?month=2026-04&wardId=MED-3");
            // An empty ward parameter is no filter: the month's answer.
            assertPatientDays("/api/rates?month=2026-03&wardId=", 10, 20);
        }
    }

    @Test
    void anAnswerReadWhileAWriteIsUnderWayIsServedButNotKept() {
        assertPatientDays("/api/rates?month=2026-03", 10, 20);
        ReadModelChanges changes = new ReadModelChanges(written, RatesProjection.BUCKETS);

        // A writer marks itself, writes one bucket, a read comes, it writes the second and dies before it is done.
        assertThatThrownBy(() -> changes.write("rates-segment-0", () -> {
            behindTheProjectionsBack("ICU-1|2026-03", "2026-03-01", 11);
            assertPatientDays("/api/rates?month=2026-03", 11, 20);
            behindTheProjectionsBack("MED-3|2026-03", "2026-03-01", 21);
            throw new IllegalStateException("the writer dies");
        })).hasMessage("the writer dies");

        // The answer read midway (11, 20) was not kept; nor is one read while the mark stays.
        assertPatientDays("/api/rates?month=2026-03", 11, 21);
        behindTheProjectionsBack("ICU-1|2026-03", "2026-03-01", 12);
        assertPatientDays("/api/rates?month=2026-03", 12, 21);

        // The writer's successor (same segment) writes: the mark goes, answers are kept again.
        changes.write("rates-segment-0", () -> behindTheProjectionsBack("MED-3|2026-03", "2026-03-01", 22));
        assertPatientDays("/api/rates?month=2026-03", 12, 22);
        behindTheProjectionsBack("ICU-1|2026-03", "2026-03-01", 13);
        assertPatientDays("/api/rates?month=2026-03", 12, 22);
    }

    @Test
    void aRebuiltGenerationIsReadAfreshThoughItsPositionIsTheSame() {
        assertPatientDays("/api/rates?month=2026-03", 10, 20);
        long position = written.getCollection(ReadModelChanges.COLLECTION)
                .find(Filters.eq("_id", RatesProjection.BUCKETS)).first().getLong(ReadModelChanges.POSITION);

        // A rebuilt generation of one ward at the same position, then the switch to it.
        written.getCollection(RatesProjection.BUCKETS + "_g2").insertMany(List.of(
                new Document("_id", "month-keys"),
                new Document("_id", "2026-03|keys").append("keys", new Document("ICU-1", new Document("wardId", "ICU-1"))),
                new Document("_id", "ICU-1|2026-03").append("wardId", "ICU-1").append("month", "2026-03")
                        .append("census", new Document("2026-03-01", new Document("patientsPresent", 40).append("admissions", 0)))));
        written.getCollection(ReadModelChanges.COLLECTION).insertOne(new Document("_id", RatesProjection.BUCKETS + "_g2")
                .append(ReadModelChanges.POSITION, position));
        written.getCollection("read_model_generations").insertOne(new Document("_id", RatesProjection.PROCESSING_GROUP)
                .append("generation", 2).append("collections", new Document(RatesProjection.BUCKETS, RatesProjection.BUCKETS + "_g2")));

        assertPatientDays("/api/rates?month=2026-03", 40);
    }

    @Test
    void aCompressedAnswerIsTheKeptAnswerGzippedAndFollowsItsVersion() throws IOException {
        // Twelve wards in May: an answer past JsonBody.COMPRESS_FROM bytes.
        List<String> wards = IntStream.rangeClosed(1, 12).mapToObj(i -> "WARD-" + (10 + i)).toList();
        wards.forEach(ward -> census(ward, LocalDate.of(2026, 5, 1), 10));
        byte[] plain = answer("/api/rates?month=2026-05", null);
        assertThat(plain.length).isGreaterThanOrEqualTo(JsonBody.COMPRESS_FROM);

        byte[] compressed = answer("/api/rates?month=2026-05", "gzip, deflate, br");
        assertThat(gunzip(compressed)).isEqualTo(plain);
        assertThat(compressed.length).isLessThan(plain.length / 4);

        behindTheProjectionsBack("WARD-11|2026-05", "2026-05-01", 99);
        // Kept, compressed or not: the bucket changed without a write of the projection.
        assertThat(gunzip(answer("/api/rates?month=2026-05", "gzip"))).isEqualTo(plain);
        assertThat(answer("/api/rates?month=2026-05", null)).isEqualTo(plain);

        census("WARD-12", LocalDate.of(2026, 5, 2), 5);
        // After the projection's write, the compressed answer is the new one: WARD-11 as the bucket holds it, WARD-12 15.
        String fresh = new String(gunzip(answer("/api/rates?month=2026-05", "gzip")), StandardCharsets.UTF_8);
        assertThat(fresh).isEqualTo(new String(answer("/api/rates?month=2026-05", null), StandardCharsets.UTF_8))
                .contains("\"wardId\":\"WARD-11\",\"month\":\"2026-05\",\"haiCases\":0,\"patientDays\":99")
                .contains("\"wardId\":\"WARD-12\",\"month\":\"2026-05\",\"haiCases\":0,\"patientDays\":15");
    }

    @Test
    void gzipRefusedOrASmallAnswerIsSentAsItIs() {
        for (String acceptEncoding : List.of("gzip;q=0", "identity", "br", "*;q=1, gzip;q=0")) {
            client.get().uri("/api/rates?month=2026-03").header(HttpHeaders.ACCEPT_ENCODING, acceptEncoding).exchange()
                    .expectStatus().isOk()
                    .expectHeader().doesNotExist(HttpHeaders.CONTENT_ENCODING)
                    .expectHeader().valueEquals(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                    .expectBody().jsonPath("$[*].patientDays").isEqualTo(List.of(10, 20));
        }
        // Two wards: below JsonBody.COMPRESS_FROM, sent as it is to a client that takes gzip.
        client.get().uri("/api/rates?month=2026-03").header(HttpHeaders.ACCEPT_ENCODING, "gzip").exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.CONTENT_ENCODING)
                .expectBody().jsonPath("$[*].patientDays").isEqualTo(List.of(10, 20));
    }

    /** The body as sent, checking that it is gzip-compressed exactly when asked with an encoding. */
    private byte[] answer(String uri, String acceptEncoding) {
        var request = client.get().uri(uri);
        if (acceptEncoding != null) {
            request = request.header(HttpHeaders.ACCEPT_ENCODING, acceptEncoding);
        }
        var response = request.exchange().expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        response = acceptEncoding == null ? response.expectHeader().doesNotExist(HttpHeaders.CONTENT_ENCODING)
                : response.expectHeader().valueEquals(HttpHeaders.CONTENT_ENCODING, "gzip");
        return response.expectBody(byte[].class).returnResult().getResponseBody();
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    /** Patient-days of each row, in ward order. */
    private void assertPatientDays(String uri, int... patientDays) {
        client.get().uri(uri).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[*].patientDays").isEqualTo(Arrays.stream(patientDays).boxed().toList());
    }

    private void census(String ward, LocalDate date, int present) {
        projection.on(new WardCensusRecorded(new WardCensus(ward, date, present, 0, 0, 0, 0)), 0);
    }

    /** Sets a census day's patients present straight in the bucket, announced to no one. */
    private void behindTheProjectionsBack(String bucketId, String day, int present) {
        assertThat(written.getCollection(RatesProjection.BUCKETS).updateOne(Filters.eq("_id", bucketId),
                Updates.set("census." + day + ".patientsPresent", present)).getMatchedCount()).isEqualTo(1);
    }
}

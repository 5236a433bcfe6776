package org.hospital.surveillance.app.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.projection.rates.RatesProjection;
import org.hospital.surveillance.projection.support.ReadModelChanges;
import org.hospital.surveillance.query.support.JsonBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * A month's figures are kept per instance while their read model is unchanged, through the running
 * platform: a fact posted after a kept answer shows in the next read, on every filter; a rebuild's
 * switch to its new generation is read afresh; a client that takes gzip gets the kept board
 * compressed. A bucket changed straight in the read-model database (announced to no one, as no
 * writer of the platform does) shows whether an answer was kept.
 */
@Timeout(300)
class KeptFigureAnswersTest {

    @TempDir
    static Path dataDir;
    static Platform platform;
    static MongoDatabase readModels;

    @BeforeAll
    static void start() {
        platform = Platform.start(dataDir, "surveillance.history.rebuild.drop-grace=1s");
        readModels = platform.bean(MongoDatabase.class);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void aFactPostedAfterAKeptAnswerShowsInTheNextReadOfEveryFilter() {
        census("KEPT-1", "2026-08-01", 10);
        census("KEPT-2", "2026-08-01", 20);
        platform.awaitProjectionsCaughtUp();
        for (int round = 0; round < 2; round++) {
            assertPatientDays("/api/rates?month=2026-08", 10, 20);
            assertPatientDays("/api/rates?month=2026-08&wardId=KEPT-1", 10);
            assertPatientDays("/api/rates?month=2026-08&wardId=KEPT-2", 20);
        }

        changeUnannounced("KEPT-1|2026-08", "2026-08-01", 99);
        assertPatientDays("/api/rates?month=2026-08", 10, 20);
        assertPatientDays("/api/rates?month=2026-08&wardId=KEPT-1", 10);

        census("KEPT-2", "2026-08-02", 5);
        platform.awaitProjectionsCaughtUp();
        // No wait beyond the processors' tokens: the buckets and their change were written before them.
        // KEPT-1 as its bucket holds it now, KEPT-2 20 + 5 = 25.
        assertPatientDays("/api/rates?month=2026-08", 99, 25);
        assertPatientDays("/api/rates?month=2026-08&wardId=KEPT-1", 99);
        assertPatientDays("/api/rates?month=2026-08&wardId=KEPT-2", 25);
    }

    @Test
    void aRebuildsSwitchIsReadFromTheRebuiltGeneration() {
        census("REB-1", "2026-09-01", 7);
        platform.awaitProjectionsCaughtUp();
        assertPatientDays("/api/rates?month=2026-09", 7);
        // A wrong figure, announced as a writer would: read and kept.
        new ReadModelChanges(readModels, RatesProjection.BUCKETS)
                .write("by hand", () -> changeUnannounced("REB-1|2026-09", "2026-09-01", 70));
        assertPatientDays("/api/rates?month=2026-09", 70);
        changeUnannounced("REB-1|2026-09", "2026-09-01", 71);
        assertPatientDays("/api/rates?month=2026-09", 70);

        platform.as("epi1").post().uri("/api/projections/rates/rebuild").exchange().expectStatus().isEqualTo(HttpStatus.ACCEPTED);
        await("rates live on generation 2").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> liveOnSecondGeneration(platform.as("epi1").get().uri("/api/projections").exchange()
                        .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody()));

        // The history's figure, from the rebuilt generation.
        assertPatientDays("/api/rates?month=2026-09", 7);
        census("REB-1", "2026-09-02", 3);
        platform.awaitProjectionsCaughtUp();
        assertPatientDays("/api/rates?month=2026-09", 10);
    }

    @Test
    void theBoardAsABrowserAsksForItIsTheKeptBoardGzippedAndShowsTheNextAlert() throws IOException {
        for (int i = 1; i <= 6; i++) {
            dirtyAirSample("GZ-" + i);
        }
        platform.awaitProjectionsCaughtUp();
        String board = "/api/alerts?type=ENVIRONMENT&wardId=GZIP-1";
        byte[] plain = boardAsSent(board, null);
        assertThat(plain.length).isGreaterThanOrEqualTo(JsonBody.COMPRESS_FROM);
        for (int round = 0; round < 2; round++) {
            assertThat(gunzip(boardAsSent(board, "gzip, deflate, br"))).isEqualTo(plain);
        }

        dirtyAirSample("GZ-7");
        platform.awaitProjectionsCaughtUp();
        String after = new String(gunzip(boardAsSent(board, "gzip")), StandardCharsets.UTF_8);
        assertThat(after).isEqualTo(new String(boardAsSent(board, null), StandardCharsets.UTF_8)).contains("\"sampleId\":\"GZ-7\"");
        assertThat(after.split("\"alertId\"")).hasSize(8);
    }

    /**
     * The board's body as it came over the wire, compressed exactly when the request took gzip: by a
     * client that leaves bodies as sent (Spring's default connector asks for gzip and unpacks it).
     */
    private static byte[] boardAsSent(String uri, String acceptEncoding) {
        WebTestClient asSent = WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create()))
                .baseUrl(platform.baseUrl()).defaultHeaders(h -> h.setBasicAuth("nurse1", Platform.PASSWORD)).build();
        var request = asSent.get().uri(uri);
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

    /** An air sample of a class II ward far over its limit: an environment alert. */
    private static void dirtyAirSample(String sampleId) {
        platform.as("nurse1").post().uri("/api/environment-samples").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sampleId", sampleId, "wardId", "GZIP-1", "sampleType", "AIR", "environmentClass", "II",
                        "cfu", 50.0, "collectedAt", "2026-10-03T09:00:00Z"))
                .exchange().expectStatus().isCreated();
    }

    private static boolean liveOnSecondGeneration(JsonNode projections) {
        for (JsonNode projection : projections) {
            if ("rates".equals(projection.get("name").asText())) {
                return "LIVE".equals(projection.get("state").asText()) && projection.get("generation").asInt() == 2;
            }
        }
        return false;
    }

    private static void census(String ward, String date, int patients) {
        platform.as("nurse1").post().uri("/api/ward-census").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("wardId", ward, "date", date, "patientsPresent", patients, "admissions", 0,
                        "centralLineDays", 0, "urinaryCatheterDays", 0, "ventilatorDays", 0))
                .exchange().expectStatus().isCreated();
    }

    /** Patient-days of each row, in ward order. */
    private static void assertPatientDays(String uri, int... patientDays) {
        platform.as("nurse1").get().uri(uri).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[*].patientDays").isEqualTo(Arrays.stream(patientDays).boxed().toList());
    }

    /** Sets a census day's patients present in the live bucket, without telling readers. */
    private static void changeUnannounced(String bucketId, String day, int present) {
        assertThat(readModels.getCollection(RatesProjection.BUCKETS).updateOne(Filters.eq("_id", bucketId),
                Updates.set("census." + day + ".patientsPresent", present)).getMatchedCount()).isEqualTo(1);
    }
}

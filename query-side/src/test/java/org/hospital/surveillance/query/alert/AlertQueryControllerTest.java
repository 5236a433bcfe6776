package org.hospital.surveillance.query.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.hospital.surveillance.query.support.FigureBuckets;
import org.hospital.surveillance.query.support.FixedPast;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/** GET /api/alerts over the reactive driver, against a mongo-java-server reached over TCP. */
class AlertQueryControllerTest {

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;
    private WebTestClient http;
    private final FixedPast past = new FixedPast();

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        database = client.getDatabase("surveillance");
        http = WebTestClient.bindToController(new AlertQueryController(database, past, FigureBuckets.APP_JSON)).build();
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aClusterAlertAnswersWithTheContractFieldsAndWhoActed() {
        insert(new Document("_id", "CLU-082847256002")
                .append("alertId", "CLU-082847256002")
                .append("type", "CLUSTER")
                .append("status", "CLOSED")
                .append("raisedAt", date("2026-03-09T10:00:01.250Z"))
                .append("lastSequence", 3L)
                .append("wardId", "ICU-1")
                .append("organism", "Staphylococcus aureus")
                .append("phenotype", "MRSA")
                .append("cases", List.of(new Document("source", "lab-result:L-1").append("patientId", "P-101")
                        .append("caseAt", date("2026-03-05T10:00:00Z"))))
                .append("caseCount", 3)
                .append("patientIds", List.of("P-101", "P-102", "P-103"))
                .append("firstCaseAt", date("2026-03-05T10:00:00Z"))
                .append("lastCaseAt", date("2026-03-09T10:00:00Z"))
                .append("detail", "3 patients in ward ICU-1 ...")
                .append("acknowledgedBy", "nurse1")
                .append("acknowledgedAt", date("2026-03-10T08:00:00Z"))
                .append("closedBy", "nurse2")
                .append("closedAt", date("2026-03-12T16:30:00Z"))
                .append("outcome", "CONFIRMED_OUTBREAK")
                .append("note", "same spa type"));

        http.get().uri("/api/alerts").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        [{"alertId":"CLU-082847256002","type":"CLUSTER","wardId":"ICU-1",
                          "organism":"Staphylococcus aureus","phenotype":"MRSA","caseCount":3,
                          "patientIds":["P-101","P-102","P-103"],
                          "firstCaseAt":"2026-03-05T10:00:00Z","lastCaseAt":"2026-03-09T10:00:00Z",
                          "status":"CLOSED","raisedAt":"2026-03-09T10:00:01.250Z","detail":"3 patients in ward ICU-1 ...",
                          "acknowledgedBy":"nurse1","acknowledgedAt":"2026-03-10T08:00:00Z",
                          "closedBy":"nurse2","closedAt":"2026-03-12T16:30:00Z",
                          "outcome":"CONFIRMED_OUTBREAK","note":"same spa type"}]""", true);
    }

    @Test
    void environmentAndSterilizationAlertsCarryTheirSampleOrLoadAndNotTheClusterFields() {
        insert(environmentAlert("ENV-E-2", "2026-03-03T09:00:01Z", "OPEN"));
        insert(new Document("_id", "STER-S1-001").append("alertId", "STER-S1-001").append("type", "STERILIZATION_FAILURE")
                .append("status", "OPEN").append("raisedAt", date("2026-03-04T07:00:02Z")).append("lastSequence", 0L)
                .append("loadId", "S1-001").append("sterilizerId", "S1")
                .append("failedIndicators", List.of("BIOLOGICAL_INDICATOR"))
                .append("completedAt", date("2026-03-02T07:00:00Z")).append("detail", "Load S1-001 ..."));

        http.get().uri("/api/alerts").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        [{"alertId":"STER-S1-001","type":"STERILIZATION_FAILURE","status":"OPEN",
                          "raisedAt":"2026-03-04T07:00:02Z","detail":"Load S1-001 ...","loadId":"S1-001",
                          "sterilizerId":"S1","failedIndicators":["BIOLOGICAL_INDICATOR"],"completedAt":"2026-03-02T07:00:00Z"},
                         {"alertId":"ENV-E-2","type":"ENVIRONMENT","wardId":"ICU-1","status":"OPEN",
                          "raisedAt":"2026-03-03T09:00:01Z","detail":"Air ...","sampleId":"E-2","sampleType":"AIR",
                          "cfu":4.5,"limit":4.0,"collectedAt":"2026-03-03T09:00:00Z"}]""", true);
    }

    @Test
    void newestFirstAndFilteredOnStatusTypeAndWard() {
        insert(environmentAlert("ENV-A", "2026-03-01T00:00:00Z", "OPEN"));
        insert(environmentAlert("ENV-B", "2026-03-03T00:00:00Z", "ACKNOWLEDGED"));
        insert(environmentAlert("ENV-C", "2026-03-02T00:00:00Z", "CLOSED").append("wardId", "ICU-2"));
        insert(new Document("_id", "STER-X").append("alertId", "STER-X").append("type", "STERILIZATION_FAILURE")
                .append("status", "OPEN").append("raisedAt", date("2026-03-04T00:00:00Z")));

        expectIds("/api/alerts", "STER-X", "ENV-B", "ENV-C", "ENV-A");
        expectIds("/api/alerts?status=OPEN", "STER-X", "ENV-A");
        expectIds("/api/alerts?type=ENVIRONMENT", "ENV-B", "ENV-C", "ENV-A");
        expectIds("/api/alerts?wardId=ICU-1", "ENV-B", "ENV-A");
        expectIds("/api/alerts?status=OPEN&type=ENVIRONMENT&wardId=ICU-1", "ENV-A");
        expectIds("/api/alerts?status=&type=&wardId=", "STER-X", "ENV-B", "ENV-C", "ENV-A");
        expectIds("/api/alerts?wardId=NICU");
    }

    @Test
    void asOfFiltersAndOrdersThePastBoardAsTheLiveQueryDoes() {
        insert(environmentAlert("ENV-LIVE", "2026-03-05T00:00:00Z", "CLOSED"));
        past.with("alert-board", AlertQueryController.COLLECTION, List.of(
                environmentAlert("ENV-A", "2026-03-01T00:00:00Z", "OPEN"),
                environmentAlert("ENV-C", "2026-03-02T00:00:00Z", "OPEN").append("wardId", "ICU-2"),
                environmentAlert("ENV-B", "2026-03-02T00:00:00Z", "ACKNOWLEDGED"),
                new Document("_id", "STER-X").append("alertId", "STER-X").append("type", "STERILIZATION_FAILURE")
                        .append("status", "OPEN").append("raisedAt", date("2026-03-04T00:00:00Z"))));
        String asOf = "asOf=2026-03-04T12:00:00Z";

        // Same raisedAt for ENV-B and ENV-C: by id.
        expectIds("/api/alerts?" + asOf, "STER-X", "ENV-B", "ENV-C", "ENV-A");
        expectIds("/api/alerts?status=OPEN&" + asOf, "STER-X", "ENV-C", "ENV-A");
        expectIds("/api/alerts?type=ENVIRONMENT&wardId=ICU-1&" + asOf, "ENV-B", "ENV-A");
        expectIds("/api/alerts?status=CLOSED&" + asOf);
        assertThat(past.askedFor).containsOnly(Instant.parse("2026-03-04T12:00:00Z"));
    }

    @Test
    void aBoardHoldingTheCountersLastChangeIsKeptUntilTheCounterMovesAndFilteredAsTheQueryWould() {
        insert(environmentAlert("ENV-A", "2026-03-01T00:00:00Z", "OPEN").append("feedPosition", 1L));
        insert(environmentAlert("ENV-B", "2026-03-03T00:00:00Z", "ACKNOWLEDGED").append("feedPosition", 2L));
        insert(new Document("_id", "STER-X").append("alertId", "STER-X").append("type", "STERILIZATION_FAILURE")
                .append("status", "OPEN").append("raisedAt", date("2026-03-04T00:00:00Z")).append("feedPosition", 3L));
        counterAt(3);
        expectIds("/api/alerts", "STER-X", "ENV-B", "ENV-A");

        // Written without taking a number, which the projection never does: the kept board shows it is served.
        insert(environmentAlert("ENV-C", "2026-03-02T00:00:00Z", "CLOSED").append("wardId", "ICU-2").append("feedPosition", 4L));
        expectIds("/api/alerts", "STER-X", "ENV-B", "ENV-A");
        expectIds("/api/alerts?status=OPEN", "STER-X", "ENV-A");
        expectIds("/api/alerts?wardId=ICU-1", "ENV-B", "ENV-A");
        expectIds("/api/alerts?type=STERILIZATION_FAILURE&status=OPEN", "STER-X");
        // Each filter's body is its own, asked again in another order.
        expectIds("/api/alerts?wardId=ICU-1", "ENV-B", "ENV-A");
        expectIds("/api/alerts?status=OPEN", "STER-X", "ENV-A");
        expectIds("/api/alerts?status=&wardId=", "STER-X", "ENV-B", "ENV-A");

        counterAt(4);
        expectIds("/api/alerts", "STER-X", "ENV-B", "ENV-C", "ENV-A");
        expectIds("/api/alerts?status=CLOSED&type=ENVIRONMENT&wardId=ICU-2", "ENV-C");
        expectIds("/api/alerts?wardId=ICU-1", "ENV-B", "ENV-A");
        expectIds("/api/alerts?wardId=ICU-2", "ENV-C");
    }

    @Test
    void aBoardReadWhileAChangeIsOnItsWayIsServedButNotKept() {
        insert(environmentAlert("ENV-A", "2026-03-01T00:00:00Z", "OPEN").append("feedPosition", 1L));
        // Change 2 has taken its number; its write is still to come.
        counterAt(2);
        expectIds("/api/alerts", "ENV-A");

        insert(environmentAlert("ENV-B", "2026-03-03T00:00:00Z", "OPEN").append("feedPosition", 2L));
        expectIds("/api/alerts", "ENV-B", "ENV-A");
    }

    @Test
    void aRebuiltBoardIsReadFromItsNewCollectionEvenAtTheSameCounter() {
        insert(environmentAlert("ENV-A", "2026-03-01T00:00:00Z", "OPEN").append("feedPosition", 1L));
        counterAt(1);
        expectIds("/api/alerts", "ENV-A");

        Mono.from(database.getCollection("alert_board_g2").insertOne(
                environmentAlert("ENV-B", "2026-03-03T00:00:00Z", "OPEN").append("feedPosition", 1L))).block();
        Mono.from(database.getCollection("read_model_generations").insertOne(new Document("_id", "alert-board")
                .append("generation", 2).append("collections", new Document("alert_board", "alert_board_g2")))).block();
        expectIds("/api/alerts", "ENV-B");
    }

    private void counterAt(long position) {
        Mono.from(database.getCollection(AlertQueryController.FEED_COLLECTION).replaceOne(
                new Document("_id", AlertQueryController.COLLECTION),
                new Document("_id", AlertQueryController.COLLECTION).append("position", position),
                new ReplaceOptions().upsert(true))).block();
    }

    @Test
    void anUnknownStatusOrTypeIsABadRequest() {
        http.get().uri("/api/alerts?status=DONE").exchange().expectStatus().isBadRequest();
        http.get().uri("/api/alerts?status=open").exchange().expectStatus().isBadRequest();
        http.get().uri("/api/alerts?type=OUTBREAK").exchange().expectStatus().isBadRequest();
    }

    private void expectIds(String uri, String... ids) {
        http.get().uri(uri).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[*].alertId").isEqualTo(List.of(ids));
    }

    private static Document environmentAlert(String alertId, String raisedAt, String status) {
        return new Document("_id", alertId).append("alertId", alertId).append("type", "ENVIRONMENT")
                .append("status", status).append("raisedAt", date(raisedAt)).append("lastSequence", 0L)
                .append("wardId", "ICU-1").append("sampleId", "E-2").append("sampleType", "AIR")
                .append("cfu", 4.5).append("limit", 4.0).append("collectedAt", date("2026-03-03T09:00:00Z"))
                .append("detail", "Air ...");
    }

    private void insert(Document document) {
        Mono.from(database.getCollection(AlertQueryController.COLLECTION).insertOne(document)).block();
    }

    private static Date date(String instant) {
        return Date.from(Instant.parse(instant));
    }
}

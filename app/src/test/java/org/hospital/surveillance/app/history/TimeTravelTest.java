package org.hospital.surveillance.app.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hospital.surveillance.app.history.HistoryApi.asOf;
import static org.hospital.surveillance.app.history.HistoryApi.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.SharedPlatform;
import org.hospital.surveillance.projection.alert.AlertBoardProjection;
import org.hospital.surveillance.projection.compliance.EnvironmentComplianceProjection;
import org.hospital.surveillance.projection.history.EventHistoryReader;
import org.hospital.surveillance.projection.history.ReadModelsAsOf;
import org.hospital.surveillance.projection.rates.RatesProjection;
import org.hospital.surveillance.projection.rebuild.ReadModelGenerations;
import org.hospital.surveillance.projection.sterilization.SterilizationComplianceProjection;
import org.hospital.surveillance.projection.support.FactStreamsHeld;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.MediaType;

/**
 * {@code asOf} on the read endpoints through the running platform: the answer as it was at an
 * instant, computed only from the events recorded up to it. Each test posts facts, takes a
 * {@link HistoryApi#boundary} instant between them and checks the past answers against hand-computed
 * figures. Tests use their own wards and months, so they share one platform.
 */
@ExtendWith(SharedPlatform.class)
class TimeTravelTest {

    static Platform platform;
    static HistoryApi api;
    static Instant beforeAnything;

    @BeforeAll
    static void start(SharedPlatform shared) {
        platform = shared.get();
        api = new HistoryApi(platform);
        beforeAnything = boundary();
    }

    @Test
    void anAsOfBeforeARetractionCountsTheCaseAndOneAfterDoesNot() {
        api.census("RET-1", "2026-03-01", 10, 2, 4);
        api.haiCase("TT-C-1", "P-901", "RET-1", "2026-03-05T10:00:00Z", "CENTRAL_LINE");
        platform.awaitProjectionsCaughtUp();
        Instant counted = boundary();
        api.retract("TT-C-1");
        platform.awaitProjectionsCaughtUp();
        Instant retracted = boundary();
        String march = "/api/rates?month=2026-03&wardId=RET-1";

        // Before the retraction: 1 case / 10 patient-days * 1000 = 100.0; 1 / 2 admissions * 100 = 50.0;
        // central line 1 / 4 device-days * 1000 = 250.0.
        JsonNode then = api.read("epi1", asOf(march, counted)).get(0);
        assertThat(then.get("haiCases").asInt()).isEqualTo(1);
        assertThat(then.get("incidenceDensityPer1000PatientDays").asDouble()).isEqualTo(100.0);
        assertThat(then.get("incidencePercent").asDouble()).isEqualTo(50.0);
        assertThat(then.at("/deviceAssociated/CENTRAL_LINE/ratePer1000DeviceDays").asDouble()).isEqualTo(250.0);
        // After it: no case, rates 0.0 on the same census.
        JsonNode now = api.read("epi1", asOf(march, retracted)).get(0);
        assertThat(now.get("haiCases").asInt()).isZero();
        assertThat(now.get("incidenceDensityPer1000PatientDays").asDouble()).isEqualTo(0.0);
        assertThat(now.at("/deviceAssociated/CENTRAL_LINE/cases").asInt()).isZero();
        // The live figures are the latest, and nothing existed before the first post.
        assertThat(api.read("nurse1", march).get(0).get("haiCases").asInt()).isZero();
        assertThat(api.read("epi1", asOf(march, beforeAnything))).isEmpty();
    }

    @Test
    void anAsOfBeforeACensusCorrectionShowsTheOldCensus() {
        api.census("COR-2", "2026-04-01", 20, 4, 0);
        api.haiCase("TT-C-2", "P-902", "COR-2", "2026-04-01T06:00:00Z", null);
        platform.awaitProjectionsCaughtUp();
        Instant original = boundary();
        api.census("COR-2", "2026-04-01", 25, 5, 0);
        platform.awaitProjectionsCaughtUp();
        Instant corrected = boundary();
        String april = "/api/rates?month=2026-04&wardId=COR-2";

        // 1 case: 1/20*1000 = 50.0 and 1/4*100 = 25.0 on the original; 1/25*1000 = 40.0 and 1/5*100 = 20.0 corrected.
        JsonNode then = api.read("epi1", asOf(april, original)).get(0);
        assertThat(then.get("patientDays").asInt()).isEqualTo(20);
        assertThat(then.get("admissions").asInt()).isEqualTo(4);
        assertThat(then.get("incidenceDensityPer1000PatientDays").asDouble()).isEqualTo(50.0);
        assertThat(then.get("incidencePercent").asDouble()).isEqualTo(25.0);
        JsonNode now = api.read("epi1", asOf(april, corrected)).get(0);
        assertThat(now.get("patientDays").asInt()).isEqualTo(25);
        assertThat(now.get("incidenceDensityPer1000PatientDays").asDouble()).isEqualTo(40.0);
        assertThat(now.get("incidencePercent").asDouble()).isEqualTo(20.0);
        assertThat(api.read("nurse1", april)).isEqualTo(api.read("epi1", asOf(april, corrected)));
    }

    @Test
    void alertsAsOfBeforeAndAfterAClustersThirdCase() {
        api.mrsa("TT-L-1", "P-911", "CLU-3", "2026-03-05T10:00:00Z");
        api.mrsa("TT-L-2", "P-912", "CLU-3", "2026-03-06T10:00:00Z");
        platform.awaitProjectionsCaughtUp();
        Instant twoCases = boundary();
        api.mrsa("TT-L-3", "P-913", "CLU-3", "2026-03-07T10:00:00Z");
        String clusters = "/api/alerts?type=CLUSTER&wardId=CLU-3";
        await().atMost(Duration.ofSeconds(30)).until(() -> api.read("nurse1", clusters).size() == 1);
        Instant raised = boundary();

        assertThat(api.read("epi1", asOf(clusters, twoCases))).isEmpty();
        JsonNode then = api.read("epi1", asOf(clusters, raised));
        assertThat(then).hasSize(1);
        JsonNode alert = then.get(0);
        // Three distinct patients within 14 days: the cluster, with every case.
        assertThat(alert.get("caseCount").asInt()).isEqualTo(3);
        assertThat(alert.get("patientIds").toString()).isEqualTo("[\"P-911\",\"P-912\",\"P-913\"]");
        assertThat(alert.get("firstCaseAt").asText()).isEqualTo("2026-03-05T10:00:00Z");
        assertThat(alert.get("lastCaseAt").asText()).isEqualTo("2026-03-07T10:00:00Z");
        assertThat(alert.get("status").asText()).isEqualTo("OPEN");
        // The same answer the live board gives, field for field.
        assertThat(then).isEqualTo(api.read("nurse1", clusters));
        // A nurse acknowledges it later: the past keeps it OPEN.
        api.acknowledge(alert.get("alertId").asText());
        platform.awaitProjectionsCaughtUp();
        assertThat(api.read("nurse1", clusters).get(0).get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(api.read("epi1", asOf(clusters, raised)).get(0).get("status").asText()).isEqualTo("OPEN");
    }

    @Test
    void sterilizationAndItsRecallAsOfBeforeAndAfterALateBiologicalReading() {
        api.load("TT-S9-001", "TT-S9", "2026-03-02T07:00:00Z", "PENDING");
        api.load("TT-S9-002", "TT-S9", "2026-03-02T09:00:00Z", "PASS");
        platform.awaitProjectionsCaughtUp();
        Instant incubating = boundary();
        api.biologicalReading("TT-S9-001", "FAIL", "2026-03-03T07:00:00Z");
        String recalls = "/api/alerts?type=STERILIZATION_FAILURE";
        await().atMost(Duration.ofSeconds(30)).until(() -> hasAlert(api.read("nurse1", recalls), "STER-TT-S9-001"));
        Instant failed = boundary();
        String march = "/api/sterilization-compliance?month=2026-03&sterilizerId=TT-S9";

        // Incubating: one pending load apart, one decided and passed: 1/1 = 100.0 %, met.
        JsonNode then = api.read("epi1", asOf(march, incubating)).get(0);
        assertThat(then.get("pending").asInt()).isEqualTo(1);
        assertThat(then.get("loads").asInt()).isEqualTo(1);
        assertThat(then.get("ratePercent").asDouble()).isEqualTo(100.0);
        assertThat(then.get("met").asBoolean()).isTrue();
        assertThat(hasAlert(api.read("epi1", asOf(recalls, incubating)), "STER-TT-S9-001")).isFalse();
        // Failed: 1 passed of 2 decided = 50.0 %, not met, and the recall alert.
        JsonNode now = api.read("epi1", asOf(march, failed)).get(0);
        assertThat(now.get("pending").asInt()).isZero();
        assertThat(now.get("loads").asInt()).isEqualTo(2);
        assertThat(now.get("ratePercent").asDouble()).isEqualTo(50.0);
        assertThat(now.get("met").asBoolean()).isFalse();
        assertThat(hasAlert(api.read("epi1", asOf(recalls, failed)), "STER-TT-S9-001")).isTrue();
    }

    @Test
    void environmentalComplianceAsOfBeforeAndAfterASampleIsAmended() {
        api.airSample("TT-E-1", "ENV-4", 3.0, "2026-05-03T09:00:00Z");
        api.airSample("TT-E-2", "ENV-4", 6.0, "2026-05-04T09:00:00Z");
        platform.awaitProjectionsCaughtUp();
        Instant oneOver = boundary();
        // The lab re-counts the second plate: 4.0, exactly at the limit, compliant.
        api.airSample("TT-E-2", "ENV-4", 4.0, "2026-05-04T09:00:00Z");
        platform.awaitProjectionsCaughtUp();
        Instant amended = boundary();
        String may = "/api/compliance?month=2026-05&wardId=ENV-4";

        // 1 of 2 within 4.0 CFU/plate = 50.0 % against 98; then 2 of 2 = 100.0 %.
        JsonNode then = api.read("epi1", asOf(may, oneOver)).get(0);
        assertThat(then.get("samples").asInt()).isEqualTo(2);
        assertThat(then.get("compliant").asInt()).isEqualTo(1);
        assertThat(then.get("ratePercent").asDouble()).isEqualTo(50.0);
        assertThat(then.get("met").asBoolean()).isFalse();
        JsonNode now = api.read("epi1", asOf(may, amended)).get(0);
        assertThat(now.get("compliant").asInt()).isEqualTo(2);
        assertThat(now.get("ratePercent").asDouble()).isEqualTo(100.0);
        assertThat(now.get("met").asBoolean()).isTrue();
    }

    @Test
    void aCaseMovedToAnotherMonthCountsInTheMonthItWasInAtTheInstant() {
        api.census("MOV-6", "2026-07-20", 10, 1, 0);
        api.census("MOV-6", "2026-08-10", 20, 2, 0);
        api.haiCase("TT-C-6", "P-906", "MOV-6", "2026-07-20T10:00:00Z", null);
        platform.awaitProjectionsCaughtUp();
        Instant inJuly = boundary();
        // The onset was misdated: it was in August.
        api.haiCase("TT-C-6", "P-906", "MOV-6", "2026-08-10T10:00:00Z", null);
        platform.awaitProjectionsCaughtUp();
        Instant inAugust = boundary();
        String july = "/api/rates?month=2026-07&wardId=MOV-6";
        String august = "/api/rates?month=2026-08&wardId=MOV-6";

        // In July at first: 1 case / 10 patient-days * 1000 = 100.0; August 0 / 20.
        assertThat(api.read("epi1", asOf(july, inJuly)).get(0).get("incidenceDensityPer1000PatientDays").asDouble()).isEqualTo(100.0);
        assertThat(api.read("epi1", asOf(august, inJuly)).get(0).get("haiCases").asInt()).isZero();
        // After the amendment: July 0 / 10; August 1 / 20 * 1000 = 50.0.
        assertThat(api.read("epi1", asOf(july, inAugust)).get(0).get("haiCases").asInt()).isZero();
        assertThat(api.read("epi1", asOf(august, inAugust)).get(0).get("incidenceDensityPer1000PatientDays").asDouble()).isEqualTo(50.0);
        // The month's rows without a ward name it too.
        assertThat(row(api.read("epi1", asOf("/api/rates?month=2026-07", inJuly)), "MOV-6").get("haiCases").asInt()).isEqualTo(1);
    }

    /**
     * A look into one month reads the event streams of the facts its buckets have held; a bucket
     * that cannot list them (written before the list was kept) makes it read the whole history. Both
     * must give the same answers, and the first must read fewer rows.
     */
    @Test
    void aLookIntoAMonthFromItsOwnFactsEqualsOneFromTheWholeHistory() {
        api.census("EQ-7", "2026-09-01", 30, 3, 5);
        api.census("EQ-8", "2026-09-01", 40, 4, 0);
        api.haiCase("TT-C-71", "P-971", "EQ-7", "2026-09-02T10:00:00Z", "CENTRAL_LINE");
        api.haiCase("TT-C-72", "P-972", "EQ-7", "2026-09-03T10:00:00Z", null);
        api.airSample("TT-E-71", "EQ-7", 6.0, "2026-09-04T09:00:00Z");
        api.load("TT-S7-001", "TT-S7", "2026-09-02T07:00:00Z", "PENDING");
        platform.awaitProjectionsCaughtUp();
        Instant first = boundary();
        api.haiCase("TT-C-71", "P-971", "EQ-8", "2026-09-02T10:00:00Z", "CENTRAL_LINE"); // another ward
        api.retract("TT-C-72");
        api.census("EQ-7", "2026-09-01", 35, 3, 5);
        api.airSample("TT-E-71", "EQ-7", 3.0, "2026-09-04T09:00:00Z");
        api.biologicalReading("TT-S7-001", "PASS", "2026-09-03T07:00:00Z");
        api.haiCase("TT-C-73", "P-973", "EQ-7", "2026-10-01T10:00:00Z", null); // moves to September next
        platform.awaitProjectionsCaughtUp();
        Instant second = boundary();
        api.haiCase("TT-C-73", "P-973", "EQ-7", "2026-09-30T10:00:00Z", null);
        platform.awaitProjectionsCaughtUp();
        Instant third = boundary();
        List<String> uris = new ArrayList<>();
        for (Instant instant : List.of(beforeAnything, first, second, third)) {
            for (String uri : List.of("/api/rates?month=2026-09", "/api/rates?month=2026-09&wardId=EQ-7",
                    "/api/rates?month=2026-09&wardId=EQ-8", "/api/rates?month=2026-10&wardId=EQ-7",
                    "/api/compliance?month=2026-09&wardId=EQ-7", "/api/sterilization-compliance?month=2026-09&sterilizerId=TT-S7")) {
                uris.add(asOf(uri, instant));
            }
        }
        EventHistoryReader history = platform.bean(EventHistoryReader.class);

        long before = history.rowsRead();
        Map<String, JsonNode> fromFacts = api.readAll("epi1", uris);
        long rowsFromFacts = history.rowsRead() - before;
        List<String> unlisted = forgetWhichFactsBucketsHeld();
        try {
            before = history.rowsRead();
            Map<String, JsonNode> fromHistory = api.readAll("epi1", uris);
            long rowsFromHistory = history.rowsRead() - before;

            assertThat(fromFacts).isEqualTo(fromHistory);
            assertThat(rowsFromFacts).isLessThan(rowsFromHistory);
        } finally {
            restoreWhichFactsBucketsHeld(unlisted);
        }
        // Hand-computed, at the second instant: EQ-7 has no case left (71 moved to EQ-8, 72 retracted,
        // 73 in October), EQ-8 has 71: 1 / 40 * 1000 = 25.0; the sample re-counted 3.0, compliant.
        assertThat(fromFacts.get(asOf("/api/rates?month=2026-09&wardId=EQ-7", second)).get(0).get("haiCases").asInt()).isZero();
        assertThat(fromFacts.get(asOf("/api/rates?month=2026-09&wardId=EQ-8", second)).get(0)
                .get("incidenceDensityPer1000PatientDays").asDouble()).isEqualTo(25.0);
        assertThat(fromFacts.get(asOf("/api/rates?month=2026-10&wardId=EQ-7", second)).get(0).get("haiCases").asInt()).isEqualTo(1);
        assertThat(fromFacts.get(asOf("/api/compliance?month=2026-09&wardId=EQ-7", first)).get(0).get("compliant").asInt()).isZero();
        assertThat(fromFacts.get(asOf("/api/compliance?month=2026-09&wardId=EQ-7", second)).get(0).get("compliant").asInt()).isEqualTo(1);
        // At the third: EQ-7 has 73 back in September: 1 / 35 patient-days (corrected) * 1000.
        assertThat(fromFacts.get(asOf("/api/rates?month=2026-09&wardId=EQ-7", third)).get(0)
                .get("incidenceDensityPer1000PatientDays").asDouble()).isCloseTo(1000.0 / 35, within(0.05));
    }

    /**
     * The board at an instant from the streams of the alerts on today's board equals the board from
     * the whole history, alert for alert (the change numbers aside: they count the events each read).
     */
    @Test
    void theBoardInThePastFromTodaysAlertsEqualsTheBoardFromTheWholeHistory() {
        Instant nothing = boundary();
        api.mrsa("TT-L-81", "P-981", "BRD-8", "2026-12-01T10:00:00Z");
        api.mrsa("TT-L-82", "P-982", "BRD-8", "2026-12-02T10:00:00Z");
        api.mrsa("TT-L-83", "P-983", "BRD-8", "2026-12-03T10:00:00Z");
        String clusters = "/api/alerts?type=CLUSTER&wardId=BRD-8";
        await().atMost(Duration.ofSeconds(30)).until(() -> api.read("nurse1", clusters).size() == 1);
        platform.awaitProjectionsCaughtUp();
        Instant raised = boundary();
        api.acknowledge(api.read("nurse1", clusters).get(0).get("alertId").asText());
        platform.awaitProjectionsCaughtUp();
        Instant acknowledged = boundary();
        ReadModelsAsOf past = platform.bean(ReadModelsAsOf.class);
        MongoDatabase database = platform.bean(MongoDatabase.class);
        MongoCollection<Document> board = database.getCollection(ReadModelGenerations.collectionName(
                AlertBoardProjection.COLLECTION, new ReadModelGenerations(database).active(AlertBoardProjection.PROCESSING_GROUP)));

        for (Instant instant : List.of(nothing, raised, acknowledged)) {
            List<Document> today = board.find().into(new ArrayList<>());
            List<Document> fromAlerts = past.documents(AlertBoardProjection.PROCESSING_GROUP, AlertBoardProjection.COLLECTION,
                    instant, Long.MAX_VALUE, () -> today);
            List<Document> fromHistory = past.documents(AlertBoardProjection.PROCESSING_GROUP, AlertBoardProjection.COLLECTION, instant);
            assertThat(byAlert(fromAlerts)).as("at %s", instant).isEqualTo(byAlert(fromHistory));
        }
        assertThat(api.read("epi1", asOf(clusters, raised)).get(0).get("status").asText()).isEqualTo("OPEN");
        assertThat(api.read("epi1", asOf(clusters, acknowledged)).get(0).get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(api.read("epi1", asOf(clusters, nothing))).isEmpty();
    }

    private static Map<Object, Document> byAlert(List<Document> alerts) {
        Map<Object, Document> byId = new TreeMap<>();
        for (Document alert : alerts) {
            Document copy = new Document(alert);
            copy.remove(AlertBoardProjection.FEED_POSITION);
            byId.put(alert.get("_id"), copy);
        }
        return byId;
    }

    /** The look into the past reads the events the projection has not handled yet as well: its answer does not wait for it. */
    @Test
    void aFactTheProjectionHasNotHandledYetIsInTheLookIntoThePast() {
        api.census("LAG-9", "2026-11-02", 10, 1, 0);
        platform.awaitProjectionsCaughtUp();
        StreamingEventProcessor rates = platform.streamingProcessor(RatesProjection.PROCESSING_GROUP);
        rates.shutDown();
        try {
            api.haiCase("TT-C-9", "P-909", "LAG-9", "2026-11-03T10:00:00Z", null);
            api.haiCase("TT-C-10", "P-910", "LAG-10", "2026-11-03T10:00:00Z", null); // a ward-month with no bucket yet
            Instant posted = boundary();
            String november = "/api/rates?month=2026-11&wardId=LAG-9";
            assertThat(api.read("nurse1", november).get(0).get("haiCases").asInt()).as("live, not handled yet").isZero();

            // 1 case / 10 patient-days * 1000 = 100.0.
            JsonNode then = api.read("epi1", asOf(november, posted)).get(0);
            assertThat(then.get("haiCases").asInt()).isEqualTo(1);
            assertThat(then.get("incidenceDensityPer1000PatientDays").asDouble()).isEqualTo(100.0);
            assertThat(api.read("epi1", asOf("/api/rates?month=2026-11&wardId=LAG-10", posted)).get(0).get("haiCases").asInt())
                    .isEqualTo(1);
        } finally {
            rates.start();
        }
        platform.awaitProjectionsCaughtUp();
    }

    private static final List<String> FIGURE_PROJECTIONS = List.of(RatesProjection.PROCESSING_GROUP + "/" + RatesProjection.BUCKETS,
            EnvironmentComplianceProjection.PROCESSING_GROUP + "/" + EnvironmentComplianceProjection.BUCKETS,
            SterilizationComplianceProjection.PROCESSING_GROUP + "/" + SterilizationComplianceProjection.BUCKETS);

    /** Takes from every live bucket the mark that says it lists its facts, as a bucket written before the list was kept; the ids it took it from. */
    private static List<String> forgetWhichFactsBucketsHeld() {
        List<String> marked = new ArrayList<>();
        for (MongoCollection<Document> buckets : liveBuckets()) {
            for (Document bucket : buckets.find(Filters.eq(FactStreamsHeld.COMPLETE, true))) {
                buckets.updateOne(Filters.eq("_id", bucket.get("_id")), Updates.unset(FactStreamsHeld.COMPLETE));
                marked.add(buckets.getNamespace().getCollectionName() + "/" + bucket.get("_id"));
            }
        }
        assertThat(marked).isNotEmpty();
        return marked;
    }

    private static void restoreWhichFactsBucketsHeld(List<String> marked) {
        for (MongoCollection<Document> buckets : liveBuckets()) {
            String prefix = buckets.getNamespace().getCollectionName() + "/";
            marked.stream().filter(id -> id.startsWith(prefix)).forEach(id -> buckets.updateOne(
                    Filters.eq("_id", id.substring(prefix.length())), Updates.set(FactStreamsHeld.COMPLETE, true)));
        }
    }

    private static List<MongoCollection<Document>> liveBuckets() {
        MongoDatabase database = platform.bean(MongoDatabase.class);
        ReadModelGenerations generations = new ReadModelGenerations(database);
        return FIGURE_PROJECTIONS.stream().map(p -> p.split("/")).map(p -> database.getCollection(
                ReadModelGenerations.collectionName(p[1], generations.active(p[0])))).toList();
    }

    private static JsonNode row(JsonNode rows, String wardId) {
        for (JsonNode row : rows) {
            if (wardId.equals(row.get("wardId").asText())) {
                return row;
            }
        }
        throw new AssertionError("No row for " + wardId + " in " + rows);
    }

    @Test
    void asOfNowGivesEveryLiveAnswer() {
        api.census("NOW-5", "2026-06-01", 12, 3, 1);
        api.haiCase("TT-C-5", "P-905", "NOW-5", "2026-06-02T06:00:00Z", "CENTRAL_LINE");
        api.airSample("TT-E-5", "NOW-5", 9.0, "2026-06-03T09:00:00Z");
        api.load("TT-S5-001", "TT-S5", "2026-06-02T07:00:00Z", "FAIL");
        platform.awaitProjectionsCaughtUp();
        await().atMost(Duration.ofSeconds(30)).until(() -> hasAlert(api.read("nurse1", "/api/alerts"), "STER-TT-S5-001")
                && hasAlert(api.read("nurse1", "/api/alerts"), "ENV-TT-E-5"));
        platform.awaitProjectionsCaughtUp();
        Instant now = boundary();

        for (String uri : List.of("/api/rates?month=2026-06", "/api/compliance?month=2026-06",
                "/api/sterilization-compliance?month=2026-06", "/api/alerts", "/api/alerts?status=OPEN&wardId=NOW-5")) {
            assertThat(api.read("epi1", asOf(uri, now))).as(uri).isEqualTo(api.read("epi1", uri)).isNotEmpty();
        }
    }

    @Test
    void aNurseMayNotLookIntoThePastAnEpidemiologistAndAnAdminMay() {
        Instant instant = Instant.parse("2026-03-15T00:00:00Z");
        for (String uri : List.of("/api/rates?month=2026-03", "/api/compliance?month=2026-03",
                "/api/sterilization-compliance?month=2026-03", "/api/alerts")) {
            api.get("nurse1", asOf(uri, instant)).expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            api.get("nurse1", uri + (uri.contains("?") ? "&" : "?") + "asOf=").expectStatus().isForbidden();
            api.get("nurse1", uri).expectStatus().isOk();
            api.get("lab1", asOf(uri, instant)).expectStatus().isForbidden();
            api.get("epi1", asOf(uri, instant)).expectStatus().isOk();
            api.get("admin", asOf(uri, instant)).expectStatus().isOk();
        }
        // A malformed instant is a 400 that names the parameter.
        api.get("epi1", "/api/rates?month=2026-03&asOf=last-tuesday").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("asOf");
    }

    private static boolean hasAlert(JsonNode alerts, String alertId) {
        for (JsonNode alert : alerts) {
            if (alertId.equals(alert.get("alertId").asText())) {
                return true;
            }
        }
        return false;
    }
}

package org.hospital.surveillance.app.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hospital.surveillance.app.history.RebuildApi.PROJECTIONS;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.bson.Document;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.TwoInstances;
import org.hospital.surveillance.projection.rebuild.ClaimKeepingTokenStore;
import org.hospital.surveillance.projection.rebuild.ReadModelGenerations;
import org.hospital.surveillance.projection.rebuild.SegmentGathering;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Rebuilds with two instances sharing one PostgreSQL event store and one MongoDB (the first
 * instance's embedded server), with segment balancing on as in production: each instance holds one
 * segment of every figure projection. A rebuild asked of either instance first gathers every
 * segment of its projections there (the other lets its segments go, the one asked claims them),
 * rebuilds, and once it has switched the segments are shared again. The instance that processes a
 * segment afterwards writes to the generation the rebuild switched to.
 */
@TestMethodOrder(OrderAnnotation.class)
@Timeout(240)
class RebuildAcrossInstancesTest {

    private static final List<String> FIGURES = List.of("rates", "environment-compliance", "sterilization-compliance");

    @TempDir
    static Path firstDir;
    @TempDir
    static Path secondDir;
    static TwoInstances instances;
    static Platform first;
    static Platform second;
    static HistoryApi viaFirst;
    static HistoryApi viaSecond;

    @BeforeAll
    static void start() {
        instances = TwoInstances.sharingReadModels(firstDir, secondDir, "surveillance.history.rebuild.drop-grace=1s");
        first = instances.first;
        second = instances.second;
        viaFirst = new HistoryApi(first);
        viaSecond = new HistoryApi(second);
        awaitBalanced();
        // Facts through both instances: March on ward ICU-1.
        viaFirst.census("ICU-1", "2026-03-01", 20, 2, 5);
        viaSecond.census("ICU-1", "2026-03-02", 18, 3, 4);
        viaFirst.haiCase("RX-C-1", "P-1", "ICU-1", "2026-03-02T06:00:00Z", "CENTRAL_LINE");
        viaSecond.airSample("RX-E-1", "ICU-1", 2.0, "2026-03-03T09:00:00Z");
        viaFirst.airSample("RX-E-2", "ICU-1", 7.0, "2026-03-03T10:00:00Z");
        viaSecond.load("RX-S-1", "S1", "2026-03-04T07:00:00Z", "PASS");
        viaFirst.load("RX-S-2", "S1", "2026-03-05T07:00:00Z", "FAIL");
        awaitMarchFigures();
    }

    @AfterAll
    static void stop() {
        if (instances != null) {
            instances.close();
        }
    }

    @Test
    @Order(1)
    void aRebuildOfEverythingAskedOfTheSecondInstanceGathersEverySegmentThereAndBalancingResumesAfterIt() {
        RebuildApi onSecond = new RebuildApi(viaSecond);
        JsonNode accepted = onSecond.rebuild("all");

        assertThat(accepted).hasSize(PROJECTIONS.size());
        // The 202 comes once every segment is here: the first instance holds none of them (its workers end
        // just after giving their claims up).
        await("the first instance holds no segment of the projections").atMost(Duration.ofSeconds(5))
                .until(() -> PROJECTIONS.stream().allMatch(p -> first.streamingProcessor(p).processingStatus().isEmpty()));
        onSecond.awaitAllLiveOn(2);
        await("the replaced generation dropped").atMost(Duration.ofSeconds(30))
                .until(() -> !collections().contains("rates_by_ward_month"));
        awaitMarchFigures();
        awaitBalanced();
    }

    @Test
    @Order(2)
    void aRebuildAskedOfTheFirstInstanceGathersThereAndBalancingResumesAfterIt() {
        RebuildApi onFirst = new RebuildApi(viaFirst);
        JsonNode accepted = onFirst.rebuild("rates");

        assertThat(accepted).hasSize(1);
        await("the second instance holds no rates segment").atMost(Duration.ofSeconds(5))
                .until(() -> second.streamingProcessor("rates").processingStatus().isEmpty());
        await("rates live on generation 3, the others still on 2").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> onFirst.all(p -> RebuildApi.liveOn(p, p.get("name").asText().equals("rates") ? 3 : 2)));
        await("the replaced generation dropped").atMost(Duration.ofSeconds(30))
                .until(() -> !collections().contains("rates_by_ward_month_g2"));
        awaitMarchFigures();
        awaitBalanced();
    }

    @Test
    @Order(3)
    void afterTheRebuildsBothInstancesWriteToTheRebuiltGenerations() {
        // June facts through both, each holding one segment of each figure projection.
        viaSecond.census("JUN-1", "2026-06-01", 12, 3, 1);
        viaFirst.census("JUN-1", "2026-06-02", 10, 1, 0);
        viaSecond.mrsa("RX-L-1", "P-301", "JUN-1", "2026-06-02T10:00:00Z");
        viaFirst.mrsa("RX-L-2", "P-302", "JUN-1", "2026-06-03T10:00:00Z");
        viaSecond.mrsa("RX-L-3", "P-303", "JUN-1", "2026-06-04T10:00:00Z");

        for (HistoryApi api : List.of(viaSecond, viaFirst)) {
            await("June's figures and the cluster alert in the read API").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> api.read("nurse1", "/api/rates?month=2026-06").size() == 1
                            && api.read("nurse1", "/api/rates?month=2026-06").get(0).get("patientDays").asInt() == 22
                            && api.read("nurse1", "/api/alerts?type=CLUSTER&wardId=JUN-1").size() == 1);
        }
        JsonNode june = viaFirst.read("nurse1", "/api/rates?month=2026-06").get(0);
        assertThat(june.get("wardId").asText()).isEqualTo("JUN-1");
        assertThat(june.get("admissions").asInt()).isEqualTo(3 + 1);
        assertThat(viaSecond.read("nurse1", "/api/alerts?type=CLUSTER&wardId=JUN-1").get(0).get("caseCount").asInt())
                .isEqualTo(3);
        assertThat(collections()).as("nothing written to the replaced generations")
                .doesNotContain("rates_by_ward_month", "rates_by_ward_month_g2", "rates_facts", "alert_board");
    }

    /** Two rebuilds of one projection asked of both instances at once: the second to ask is refused. */
    @Test
    @Order(4)
    void aRebuildOfAProjectionAnotherInstanceIsGatheringIsAConflictAndChangesNothing() {
        List<Document> pointersBefore = pointers();
        SegmentGathering.Request forFirst = first.bean(SegmentGathering.class).gather(List.of("rates")).orElseThrow();
        try {
            viaSecond.postAs("epi1", "/api/projections/rates/rebuild").expectStatus().isEqualTo(HttpStatus.CONFLICT)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                            .contains("Another instance is gathering").contains("rates"));
            assertThat(second.bean(SegmentGathering.class).gather(List.of("environment-compliance", "rates")))
                    .as("refused whole, holding none of its processors").isEmpty();
            await("the first instance gathers both rates segments").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> first.streamingProcessor("rates").processingStatus().size() == 2);
            // The refused request took back what it had asked for: the first can gather environment-compliance.
            first.bean(SegmentGathering.class).gather(List.of("environment-compliance")).orElseThrow().close();
        } finally {
            forFirst.close();
        }
        assertThat(new RebuildApi(viaSecond).all(p -> !RebuildApi.rebuilding(p))).isTrue();
        assertThat(pointers()).isEqualTo(pointersBefore);
        awaitBalanced();
    }

    /**
     * What the switch relies on while it has paused a processor: the pausing instance keeps its
     * claims, although a processor that shuts down releases its segments, so the other instance
     * cannot take them and write to the generation being replaced.
     */
    @Test
    @Order(5)
    void aProcessorPausedForASwitchKeepsItsClaimsFromTheOtherInstance() {
        Platform holder = second;
        SegmentGathering.Request gathered = holder.bean(SegmentGathering.class).gather(List.of("rates")).orElseThrow();
        try {
            await("the second instance gathers both rates segments").atMost(Duration.ofSeconds(30))
                    .until(() -> holder.streamingProcessor("rates").processingStatus().size() == 2);
            ClaimKeepingTokenStore holderTokens = (ClaimKeepingTokenStore) holder.bean(TokenStore.class);
            TokenStore otherTokens = first.bean(TokenStore.class);
            TransactionManager transactions = first.bean(TransactionManager.class);

            holderTokens.keep("rates");
            holder.streamingProcessor("rates").shutDown();
            for (int segment : new int[] {0, 1}) {
                assertThatThrownBy(() -> transactions.executeInTransaction(() -> otherTokens.fetchToken("rates", segment)))
                        .isInstanceOf(UnableToClaimTokenException.class);
            }

            holderTokens.stopKeeping("rates");
            holder.streamingProcessor("rates").start();
            await("the restarted processor takes its claims back").atMost(Duration.ofSeconds(30))
                    .until(() -> holder.streamingProcessor("rates").processingStatus().size() == 2);
        } finally {
            gathered.close();
        }
        awaitBalanced();
        assertThat(first.streamingProcessors()).allMatch(StreamingEventProcessor::isRunning);
    }

    /** Each instance holds one segment of each figure projection. */
    private static void awaitBalanced() {
        await("each instance holds one segment of each figure projection").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> FIGURES.stream().allMatch(p -> first.streamingProcessor(p).processingStatus().size() == 1
                        && second.streamingProcessor(p).processingStatus().size() == 1));
    }

    /**
     * March on ICU-1, on both instances: patient days 20 + 18, admissions 2 + 3, one HAI case; air
     * samples of 2 and 7 CFU against the limit of 4, one compliant; loads with a passed and a failed
     * biological indicator, one passed.
     */
    private static void awaitMarchFigures() {
        for (HistoryApi api : List.of(viaFirst, viaSecond)) {
            await("March's figures in the read API").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .untilAsserted(() -> {
                        JsonNode rates = api.read("epi1", "/api/rates?month=2026-03&wardId=ICU-1").get(0);
                        assertThat(rates.path("patientDays").asInt()).as("patient days").isEqualTo(38);
                        assertThat(rates.path("admissions").asInt()).as("admissions").isEqualTo(5);
                        assertThat(rates.path("haiCases").asInt()).as("HAI cases").isEqualTo(1);
                        JsonNode air = api.read("epi1", "/api/compliance?month=2026-03&wardId=ICU-1").get(0);
                        assertThat(air.path("samples").asInt()).as("air samples").isEqualTo(2);
                        assertThat(air.path("compliant").asInt()).as("compliant air samples").isEqualTo(1);
                        JsonNode loads = api.read("epi1", "/api/sterilization-compliance?month=2026-03").get(0);
                        assertThat(loads.path("loads").asInt()).as("loads").isEqualTo(2);
                        assertThat(loads.path("passed").asInt()).as("loads passed").isEqualTo(1);
                    });
        }
    }

    private static List<String> collections() {
        return first.bean(MongoDatabase.class).listCollectionNames().into(new ArrayList<>());
    }

    private static List<Document> pointers() {
        return first.bean(MongoDatabase.class).getCollection(ReadModelGenerations.COLLECTION).find()
                .into(new ArrayList<>());
    }
}

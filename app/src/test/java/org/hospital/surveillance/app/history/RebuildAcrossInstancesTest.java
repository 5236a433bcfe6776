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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Rebuilds with two instances sharing one PostgreSQL event store and one MongoDB (the first
 * instance's embedded server). The first instance starts and claims every processor before the
 * second starts, so the first holds them all. A rebuild can only be asked of the instance that
 * holds the processor; once the holder stops, the other takes the claims over and writes to the
 * generation the rebuild switched to, not to the one it found at its own start-up.
 */
@TestMethodOrder(OrderAnnotation.class)
class RebuildAcrossInstancesTest {

    @TempDir
    static Path firstDir;
    @TempDir
    static Path secondDir;
    static TwoInstances instances;
    static Platform first;
    static HistoryApi viaFirst;
    static HistoryApi viaSecond;

    @BeforeAll
    static void start() {
        // Segment balancing off: a rebuild needs one instance holding every segment, which balancing
        // would undo by handing the second instance half of each figure projection.
        instances = TwoInstances.sharingReadModels(firstDir, secondDir, "surveillance.history.rebuild.drop-grace=1s",
                "surveillance.segment-balancing.mode=off");
        first = instances.first;
        viaFirst = new HistoryApi(first);
        viaSecond = new HistoryApi(instances.second);
        // The first instance's processors started (and claimed their segments) before the second existed.
        await("the first instance holds every processor").atMost(Duration.ofSeconds(30))
                .until(() -> new RebuildApi(viaFirst).all(p -> p.get("processedHere").asBoolean()));
        viaFirst.census("ICU-1", "2026-03-01", 20, 2, 5);
        viaFirst.haiCase("RX-C-1", "P-1", "ICU-1", "2026-03-02T06:00:00Z", "CENTRAL_LINE");
        viaFirst.airSample("RX-E-1", "ICU-1", 2.0, "2026-03-03T09:00:00Z");
        viaFirst.load("RX-S-1", "S1", "2026-03-04T07:00:00Z", "PASS");
        first.awaitProjectionsCaughtUp();
    }

    @AfterAll
    static void stop() {
        instances.close();
    }

    @Test
    @Order(1)
    void aRebuildAskedOfTheInstanceThatDoesNotHoldTheProcessorIsAConflictAndChangesNothing() {
        assertThat(new RebuildApi(viaFirst).all(p -> p.get("processedHere").asBoolean())).isTrue();
        assertThat(new RebuildApi(viaSecond).all(p -> !p.get("processedHere").asBoolean())).isTrue();
        List<Document> pointersBefore = pointers();

        for (String name : List.of("rates", "all")) {
            viaSecond.postAs("epi1", "/api/projections/" + name + "/rebuild").expectStatus().isEqualTo(HttpStatus.CONFLICT)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                            .contains("runs on another instance").contains("rates"));
        }

        for (HistoryApi api : List.of(viaFirst, viaSecond)) {
            assertThat(new RebuildApi(api).all(p -> RebuildApi.liveOn(p, 1))).as("live on generation 1, not rebuilding").isTrue();
        }
        assertThat(pointers()).isEqualTo(pointersBefore);
        assertThat(collections()).noneMatch(name -> name.matches(".*_g\\d+"));
        assertThat(first.streamingProcessors()).allMatch(StreamingEventProcessor::isRunning);
    }

    @Test
    @Order(2)
    void afterARebuildOnTheHolderTheInstanceThatTakesOverWritesToTheRebuiltGeneration() {
        RebuildApi onFirst = new RebuildApi(viaFirst);
        JsonNode accepted = onFirst.rebuild("all");
        assertThat(accepted).hasSize(PROJECTIONS.size());
        onFirst.awaitAllLiveOn(2);
        await("the replaced generation dropped").atMost(Duration.ofSeconds(30))
                .until(() -> !collections().contains("rates_by_ward_month"));

        // The holder stops processing (as it does when shut down: each processor releases its claim).
        first.streamingProcessors().forEach(StreamingEventProcessor::shutDown);
        RebuildApi onSecond = new RebuildApi(viaSecond);
        await("the second instance takes every claim over").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> onSecond.all(p -> p.get("processedHere").asBoolean()));

        // New facts through the instance that now processes: a June census and an MRSA cluster.
        viaSecond.census("JUN-1", "2026-06-01", 12, 3, 1);
        viaSecond.mrsa("RX-L-1", "P-301", "JUN-1", "2026-06-02T10:00:00Z");
        viaSecond.mrsa("RX-L-2", "P-302", "JUN-1", "2026-06-03T10:00:00Z");
        viaSecond.mrsa("RX-L-3", "P-303", "JUN-1", "2026-06-04T10:00:00Z");

        for (HistoryApi api : List.of(viaSecond, viaFirst)) {
            await("June's figures and the cluster alert in the read API").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> api.read("nurse1", "/api/rates?month=2026-06").size() == 1
                            && api.read("nurse1", "/api/alerts?type=CLUSTER&wardId=JUN-1").size() == 1);
        }
        assertThat(viaSecond.read("nurse1", "/api/rates?month=2026-06").get(0).get("wardId").asText()).isEqualTo("JUN-1");
        assertThat(viaSecond.read("nurse1", "/api/alerts?type=CLUSTER&wardId=JUN-1").get(0).get("caseCount").asInt())
                .isEqualTo(3);
        assertThat(collections()).as("nothing written to the replaced generation")
                .doesNotContain("rates_by_ward_month", "rates_facts", "alert_board");
    }

    /**
     * What the switch relies on while it has paused a processor: the pausing instance keeps its
     * claim, although a processor that shuts down releases its segments, so the other instance
     * cannot take it and write to the generation being replaced.
     */
    @Test
    @Order(3)
    void aProcessorPausedForASwitchKeepsItsClaimFromTheOtherInstance() {
        Platform holder = instances.second;
        await("the second instance holds rates").atMost(Duration.ofSeconds(60))
                .until(() -> holder.streamingProcessor("rates").processingStatus().size() == 2);
        ClaimKeepingTokenStore holderTokens = (ClaimKeepingTokenStore) holder.bean(TokenStore.class);
        TokenStore otherTokens = first.bean(TokenStore.class);
        TransactionManager transactions = first.bean(TransactionManager.class);

        holderTokens.keep("rates");
        holder.streamingProcessor("rates").shutDown();
        // Both segments of the figure projection.
        for (int segment : new int[] {0, 1}) {
            assertThatThrownBy(() -> transactions.executeInTransaction(() -> otherTokens.fetchToken("rates", segment)))
                    .isInstanceOf(UnableToClaimTokenException.class);
        }

        holderTokens.stopKeeping("rates");
        holder.streamingProcessor("rates").start();
        await("the restarted processor takes its claims back").atMost(Duration.ofSeconds(30))
                .until(() -> holder.streamingProcessor("rates").processingStatus().size() == 2);
    }

    private static List<String> collections() {
        return first.bean(MongoDatabase.class).listCollectionNames().into(new ArrayList<>());
    }

    private static List<Document> pointers() {
        return first.bean(MongoDatabase.class).getCollection(ReadModelGenerations.COLLECTION).find()
                .into(new ArrayList<>());
    }
}

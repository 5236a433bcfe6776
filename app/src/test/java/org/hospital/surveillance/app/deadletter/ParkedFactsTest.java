package org.hospital.surveillance.app.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.TempDirs;
import org.hospital.surveillance.projection.compliance.EnvironmentComplianceProjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.http.MediaType;

/**
 * A poison event parks its fact and nothing else: one sample's locator in the read model is
 * corrupted (as a bad write or a bad restore would leave it), so the environment-compliance handler
 * throws on that sample's events. The sample is parked (metric, ADMIN list), the ward's other
 * samples still count, an amendment of the parked sample waits behind it, a retry before the cause
 * is fixed leaves it parked, and a retry after it applies both events in order. A second parked
 * sample is evicted instead. Throughout, the alert board's data ({@code GET /api/board}, as a nurse
 * reads it) says how many facts are parked, and nothing else of them.
 */
class ParkedFactsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROCESSOR = EnvironmentComplianceProjection.PROCESSING_GROUP;
    private static final String DEAD_LETTERS = "/api/projections/" + PROCESSOR + "/dead-letters";

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aPoisonedSampleIsParkedTheWardMovesOnAndARetryAfterTheFixAppliesIt() throws Exception {
        Path dataDir = Files.createTempDirectory("parked-facts");
        try (Platform platform = Platform.start(dataDir)) {
            MongoDatabase readModels = platform.bean(MongoDatabase.class);
            sample(platform, "E-1", 2.0);
            awaitAir(platform, 1, 1);

            // The cause: a locator the ledger cannot read ("applied" must be a document).
            readModels.getCollection(EnvironmentComplianceProjection.FACTS)
                    .insertOne(new Document("_id", "environment-sample:E-BAD").append("applied", "corrupted"));
            sample(platform, "E-BAD", 2.0);
            sample(platform, "E-2", 9.0);
            sample(platform, "E-3", 1.0);

            // The ward's other samples count: E-1, E-2, E-3; 2 within the air limit of 4 CFU.
            awaitAir(platform, 3, 2);
            awaitParked(platform, 1);
            assertThat(board(platform).get("parked").toString()).isEqualTo("{\"" + PROCESSOR + "\":1}");
            assertThat(board(platform).toString()).doesNotContain("E-BAD");
            JsonNode parked = list(platform);
            assertThat(parked).hasSize(1);
            String id = parked.get(0).get("id").asText();
            assertThat(parked.get(0).get("stream").asText()).isEqualTo("environment-sample");
            assertThat(parked.get(0).get("eventTypes").toString()).isEqualTo("[\"EnvironmentSampleRecorded\"]");
            assertThat(parked.toString()).doesNotContain("E-BAD");

            // An amendment of the parked sample waits behind it, in order.
            sample(platform, "E-BAD", 3.0);
            Awaitility.await("the amendment parked behind the first event").atMost(Duration.ofSeconds(30))
                    .until(() -> list(platform).get(0).get("eventTypes").size() == 2);
            assertThat(list(platform).get(0).get("eventTypes").toString())
                    .isEqualTo("[\"EnvironmentSampleRecorded\",\"EnvironmentSampleAmended\"]");

            // Only an ADMIN sees and handles parked facts.
            platform.as("epi1").get().uri(DEAD_LETTERS).exchange().expectStatus().isForbidden();
            platform.as("epi1").post().uri(DEAD_LETTERS + "/" + id + "/retry").exchange().expectStatus().isForbidden();

            // Retried before the cause is fixed: still parked, figures unchanged.
            retry(platform, id, false);
            assertThat(list(platform)).hasSize(1);
            awaitAir(platform, 3, 2);

            // Fixed: both events applied in order, the amended 3 CFU within the limit.
            readModels.getCollection(EnvironmentComplianceProjection.FACTS).deleteOne(Filters.eq("_id", "environment-sample:E-BAD"));
            retry(platform, id, true);
            awaitAir(platform, 4, 3);
            assertThat(list(platform)).isEmpty();
            awaitParked(platform, 0);
            assertThat(board(platform).get("parked").toString()).isEqualTo("{}");
            platform.as("admin").post().uri(DEAD_LETTERS + "/" + id + "/retry").exchange().expectStatus().isNotFound();

            // Given up instead: the sample stays out of the figures, the queue is empty.
            readModels.getCollection(EnvironmentComplianceProjection.FACTS)
                    .insertOne(new Document("_id", "environment-sample:E-GONE").append("applied", "corrupted"));
            sample(platform, "E-GONE", 1.0);
            awaitParked(platform, 1);
            assertThat(board(platform).get("parked").toString()).isEqualTo("{\"" + PROCESSOR + "\":1}");
            String gone = list(platform).get(0).get("id").asText();
            platform.as("admin").delete().uri(DEAD_LETTERS + "/" + gone).exchange().expectStatus().isNoContent();
            assertThat(list(platform)).isEmpty();
            awaitParked(platform, 0);
            assertThat(board(platform).get("parked").toString()).isEqualTo("{}");
            sample(platform, "E-4", 1.0);
            awaitAir(platform, 5, 4);
        } finally {
            TempDirs.delete(dataDir);
        }
    }

    private static void sample(Platform platform, String sampleId, double cfu) {
        platform.as("nurse1").post().uri("/api/environment-samples").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"sampleId\":\"" + sampleId + "\",\"wardId\":\"ICU-1\",\"sampleType\":\"AIR\","
                        + "\"environmentClass\":\"II\",\"cfu\":" + cfu + ",\"collectedAt\":\"2026-03-03T09:00:00Z\"}")
                .exchange().expectStatus().is2xxSuccessful();
    }

    /** Waits until the ward's March air samples are these counts. */
    private static void awaitAir(Platform platform, int samples, int compliant) {
        AtomicReference<String> last = new AtomicReference<>();
        Awaitility.await("ICU-1 air samples " + samples + ", compliant " + compliant + " (last: " + last + ")")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    String body = platform.as("nurse1").get().uri("/api/compliance?month=2026-03&wardId=ICU-1").exchange()
                            .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
                    last.set(body);
                    for (JsonNode row : JSON.readTree(body)) {
                        if (row.get("sampleType").asText().equals("AIR")) {
                            return row.get("samples").asInt() == samples && row.get("compliant").asInt() == compliant;
                        }
                    }
                    return false;
                });
    }

    private static void awaitParked(Platform platform, int sequences) {
        Awaitility.await("the metric shows " + sequences + " parked").atMost(Duration.ofSeconds(30)).until(() -> {
            String scrape = platform.anonymous().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            return scrape.lines().anyMatch(line -> line.startsWith("surveillance_processor_parked_sequences{")
                    && line.contains("processor=\"" + PROCESSOR + "\"") && line.endsWith(" " + sequences + ".0"));
        });
    }

    /** What the alert board page reads, as the infection-control nurse. */
    private static JsonNode board(Platform platform) throws Exception {
        return JSON.readTree(platform.as("nurse1").get().uri("/api/board").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private static JsonNode list(Platform platform) throws Exception {
        return JSON.readTree(platform.as("admin").get().uri(DEAD_LETTERS).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private static void retry(Platform platform, String id, boolean applied) {
        platform.as("admin").post().uri(DEAD_LETTERS + "/" + id + "/retry").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.retried").isEqualTo(applied);
    }
}

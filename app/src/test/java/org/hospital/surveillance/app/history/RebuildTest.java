package org.hospital.surveillance.app.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hospital.surveillance.app.history.RebuildApi.PROJECTIONS;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hospital.surveillance.app.support.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * {@code POST /api/projections/{name}/rebuild} through the running platform. The rebuild is paced
 * at 20 events per second so that its couple of hundred events take several seconds: long enough
 * to read the live model, post facts and ask again while the projections are REBUILDING.
 */
class RebuildTest {

    @TempDir
    static Path dataDir;
    static Platform platform;
    static HistoryApi api;
    static RebuildApi projections;

    @BeforeAll
    static void start() {
        platform = Platform.start(dataDir, "surveillance.history.rebuild.max-events-per-second=20",
                "surveillance.history.rebuild.drop-grace=1s");
        api = new HistoryApi(platform);
        projections = new RebuildApi(api);
        MarchForRebuilds.post(api);
        platform.awaitProjectionsCaughtUp();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void aRebuildOfAllServesTheLiveModelThroughoutTakesInFactsPostedMeanwhileAndEndsIdentical() {
        Map<String, JsonNode> before = api.readAll("nurse1", MarchForRebuilds.READS);
        assertThat(projections.all(p -> RebuildApi.liveOn(p, 1))).isTrue();

        JsonNode accepted = projections.rebuild("all");
        assertThat(names(accepted)).isEqualTo(PROJECTIONS);
        assertThat(accepted).allSatisfy(p -> assertThat(p.get("state").asText()).isEqualTo("REBUILDING"));

        // While rebuilding: the replay gauges show it (sampled at most once a second), a second request
        // starts nothing, the live model answers as before, facts still go in and show. The gauges and
        // the second request come first: on a loaded machine posting and awaiting the facts can take
        // longer than the whole paced rebuild.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(metrics())
                .contains("surveillance_processor_replaying{processor=\"rates\"} 1.0"));
        JsonNode again = projections.rebuild("rates");
        assertThat(again.get(0).get("state").asText()).isEqualTo("REBUILDING");
        JsonNode midway = projections.projections();
        assertThat(projections.all(RebuildApi::rebuilding)).as("still rebuilding: %s", midway).isTrue();
        assertThat(api.readAll("nurse1", MarchForRebuilds.READS)).isEqualTo(before);
        api.census("MAY-1", "2026-05-01", 15, 3, 2);
        api.haiCase("RB-C-99", "P-199", "MAY-1", "2026-05-02T06:00:00Z", "CENTRAL_LINE");
        api.airSample("RB-E-99", "MAY-1", 9.0, "2026-05-03T09:00:00Z");
        api.load("RB-S-99", "S1", "2026-05-04T07:00:00Z", "PASS");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.read("nurse1", "/api/alerts?wardId=MAY-1").size() == 1);
        platform.awaitProjectionsCaughtUp();
        Map<String, JsonNode> liveDuringRebuild = api.readAll("nurse1", MarchForRebuilds.READS);
        // The May figures by hand: 1 case / 15 patient-days * 1000 = 66.667, 1 / 3 admissions = 33.333 %,
        // central line 1 / 2 days * 1000 = 500.0; the 9.0 CFU air sample is over 4.0: 0 of 1 compliant.
        JsonNode may = liveDuringRebuild.get("/api/rates?month=2026-05").get(0);
        assertThat(may.get("incidenceDensityPer1000PatientDays").asDouble()).isEqualTo(66.667);
        assertThat(may.get("incidencePercent").asDouble()).isEqualTo(33.333);
        assertThat(may.at("/deviceAssociated/CENTRAL_LINE/ratePer1000DeviceDays").asDouble()).isEqualTo(500.0);
        assertThat(liveDuringRebuild.get("/api/compliance?month=2026-05").get(0).get("compliant").asInt()).isZero();

        projections.awaitAllLiveOn(2);
        platform.awaitProjectionsCaughtUp();

        // Every answer of the rebuilt generation is the live model's, facts posted during the rebuild included.
        assertThat(api.readAll("nurse1", MarchForRebuilds.READS)).isEqualTo(liveDuringRebuild);
        assertThat(projections.projections()).allSatisfy(p -> {
            assertThat(p.get("progressPercent").asDouble()).isEqualTo(100.0);
            assertThat(p.get("eventsPerSecond").asDouble()).isEqualTo(0.0);
        });
        // The live processors now write to the new generation, and the old one is dropped.
        api.census("JUN-1", "2026-06-01", 11, 1, 0);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.read("nurse1", "/api/rates?month=2026-06").size() == 1);
        MongoDatabase mongo = platform.bean(MongoDatabase.class);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(collections(mongo))
                .contains("rates_by_ward_month_g2", "rates_facts_g2", "alert_board_g2",
                        "environment_compliance_by_ward_month_g2", "sterilization_compliance_by_sterilizer_month_g2")
                .doesNotContain("rates_by_ward_month", "rates_facts", "alert_board",
                        "environment_compliance_by_ward_month", "sterilization_compliance_facts"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(metrics())
                .contains("surveillance_processor_replaying{processor=\"rates\"} 0.0")
                .contains("surveillance_processor_replay_progress_ratio{processor=\"alert-board\"} 1.0")
                .contains("surveillance_projection_rebuild_events_per_second{projection=\"rates\"} 0.0"));
    }

    private static String metrics() {
        return platform.anonymous().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void theAlertDetectorIsNeverRebuiltAndUnknownNamesAreNotFound() {
        long events = platform.eventCount();

        api.postAs("epi1", "/api/projections/alert-detection/rebuild").expectStatus().isEqualTo(HttpStatus.NOT_FOUND)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("sending commands"));
        api.postAs("admin", "/api/projections/nonsense/rebuild").expectStatus().isEqualTo(HttpStatus.NOT_FOUND)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(names(projections.projections())).isEqualTo(PROJECTIONS).doesNotContain("alert-detection");
        assertThat(platform.eventCount()).isEqualTo(events);
    }

    @Test
    void onlyEpidemiologistsAndAdminsSeeAndRebuildProjections() {
        for (String user : List.of("nurse1", "lab1")) {
            api.get(user, "/api/projections").expectStatus().isForbidden();
            api.postAs(user, "/api/projections/rates/rebuild").expectStatus().isForbidden();
        }
        platform.anonymous().get().uri("/api/projections").exchange().expectStatus().isUnauthorized();
        api.get("admin", "/api/projections").expectStatus().isOk();
        JsonNode rates = api.read("epi1", "/api/projections").get(2);
        assertThat(rates.get("name").asText()).isEqualTo("rates");
        assertThat(rates.has("position")).isTrue();
        assertThat(rates.has("progressPercent")).isTrue();
        assertThat(rates.has("eventsPerSecond")).isTrue();
    }

    private static List<String> names(JsonNode projections) {
        List<String> names = new ArrayList<>();
        projections.forEach(p -> names.add(p.get("name").asText()));
        return names;
    }

    private static List<String> collections(MongoDatabase mongo) {
        return mongo.listCollectionNames().into(new ArrayList<>());
    }
}

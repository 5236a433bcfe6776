package org.hospital.surveillance.app.history;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;

/** {@code /api/projections} as an epidemiologist uses it. */
final class RebuildApi {

    /** By name. */
    static final List<String> PROJECTIONS = List.of("alert-board", "environment-compliance", "rates",
            "sterilization-compliance");

    private final HistoryApi api;

    RebuildApi(HistoryApi api) {
        this.api = api;
    }

    JsonNode projections() {
        return api.read("epi1", "/api/projections");
    }

    /** POSTs the rebuild, expecting 202; returns the body. */
    JsonNode rebuild(String name) {
        return api.readJson(api.postAs("epi1", "/api/projections/" + name + "/rebuild")
                .expectStatus().isEqualTo(HttpStatus.ACCEPTED)
                .expectHeader().location("/api/projections"));
    }

    boolean all(Predicate<JsonNode> condition) {
        JsonNode projections = projections();
        List<String> names = new ArrayList<>();
        for (JsonNode projection : projections) {
            if (!condition.test(projection)) {
                return false;
            }
            names.add(projection.get("name").asText());
        }
        return names.equals(PROJECTIONS);
    }

    static boolean rebuilding(JsonNode projection) {
        return "REBUILDING".equals(projection.get("state").asText());
    }

    static boolean liveOn(JsonNode projection, int generation) {
        return "LIVE".equals(projection.get("state").asText()) && projection.get("generation").asInt() == generation;
    }

    void awaitAllLiveOn(int generation) {
        await("every projection live on generation " + generation).atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100)).until(() -> all(p -> liveOn(p, generation)));
    }
}

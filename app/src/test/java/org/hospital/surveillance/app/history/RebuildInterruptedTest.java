package org.hospital.surveillance.app.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hospital.surveillance.app.support.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A platform stopped in the middle of a rebuild, with part of the new generation already written,
 * comes back serving the old generation unchanged, drops the half-built one, and a new rebuild
 * then completes. One platform at a time on the same data directory.
 */
class RebuildInterruptedTest {

    @TempDir
    Path dataDir;

    @Test
    void aRebuildCutShortLeavesTheLiveModelServingAndCanStartOver() {
        Map<String, JsonNode> before;
        try (Platform first = Platform.start(dataDir, "surveillance.history.rebuild.max-events-per-second=10",
                "surveillance.history.rebuild.flush-every=20")) {
            // The platform stops with part of generation 2 written.
            before = rebuildPartWay(first);
        }

        try (Platform second = Platform.start(dataDir)) {
            HistoryApi api = new HistoryApi(second);
            RebuildApi projections = new RebuildApi(api);
            assertThat(projections.all(p -> RebuildApi.liveOn(p, 1))).isTrue();
            assertThat(collections(second.bean(MongoDatabase.class))).noneMatch(name -> name.endsWith("_g2"));
            second.awaitProjectionsCaughtUp();
            assertThat(api.readAll("nurse1", MarchForRebuilds.READS)).isEqualTo(before);

            projections.rebuild("all");
            projections.awaitAllLiveOn(2);
            second.awaitProjectionsCaughtUp();
            assertThat(api.readAll("nurse1", MarchForRebuilds.READS)).isEqualTo(before);
        }
    }

    /**
     * What another instance starting up at the moment a rebuild begins may do (it read the
     * generation document before the rebuild marked it): drop the collections being built as a
     * leftover. The rebuild must then not switch to what remains.
     */
    @Test
    void aGenerationThatLostItsCollectionWhileBeingBuiltIsNeverServed() {
        try (Platform platform = Platform.start(dataDir, "surveillance.history.rebuild.max-events-per-second=20",
                "surveillance.history.rebuild.flush-every=20")) {
            Map<String, JsonNode> before = rebuildPartWay(platform);
            HistoryApi api = new HistoryApi(platform);
            RebuildApi projections = new RebuildApi(api);

            platform.bean(MongoDatabase.class).getCollection("rates_by_ward_month_g2").drop();

            projections.awaitAllLiveOn(1);
            platform.awaitProjectionsCaughtUp();
            assertThat(api.readAll("nurse1", MarchForRebuilds.READS)).isEqualTo(before);

            projections.rebuild("all");
            projections.awaitAllLiveOn(2);
            platform.awaitProjectionsCaughtUp();
            assertThat(api.readAll("nurse1", MarchForRebuilds.READS)).isEqualTo(before);
        }
    }

    /**
     * Posts the March history, notes the live answers, asks for a rebuild of all and returns once
     * part of generation 2 is written (the platform is paced and flushes every 20 events).
     */
    private static Map<String, JsonNode> rebuildPartWay(Platform platform) {
        HistoryApi api = new HistoryApi(platform);
        MarchForRebuilds.post(api);
        platform.awaitProjectionsCaughtUp();
        Map<String, JsonNode> before = api.readAll("nurse1", MarchForRebuilds.READS);
        RebuildApi projections = new RebuildApi(api);
        projections.rebuild("all");
        MongoDatabase mongo = platform.bean(MongoDatabase.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> collections(mongo).contains("rates_by_ward_month_g2")
                && projections.projections().get(0).get("position").asLong() > 40);
        assertThat(projections.all(RebuildApi::rebuilding)).isTrue();
        return before;
    }

    private static List<String> collections(MongoDatabase mongo) {
        return mongo.listCollectionNames().into(new ArrayList<>());
    }
}

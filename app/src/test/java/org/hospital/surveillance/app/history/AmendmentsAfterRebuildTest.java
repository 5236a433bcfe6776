package org.hospital.surveillance.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.hospital.surveillance.app.support.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Facts amended, corrected, retracted and read after a rebuild, through the running platform: the
 * rebuilt generation holds no locators, so the live projections derive each from the fact's own
 * events in the event store. The figures move as they would have on a model that was never rebuilt
 * (by hand below), the whole history delivered again counts nothing twice, and a second rebuild
 * gives the same answers.
 */
class AmendmentsAfterRebuildTest {

    private static final List<String> READS = List.of("/api/rates?month=2026-03", "/api/rates?month=2026-04",
            "/api/compliance?month=2026-03", "/api/sterilization-compliance?month=2026-03");

    @TempDir
    Path dataDir;

    @Test
    void amendmentsAfterARebuildMoveFactsOnceAndASecondRebuildAgrees() {
        try (Platform platform = Platform.start(dataDir)) {
            HistoryApi api = new HistoryApi(platform);
            RebuildApi projections = new RebuildApi(api);
            api.census("ICU-1", "2026-03-01", 20, 2, 6);
            api.census("MED-3", "2026-03-01", 30, 5, 2);
            api.haiCase("AR-A", "P-1", "ICU-1", "2026-03-05T06:00:00Z", "CENTRAL_LINE");
            api.haiCase("AR-B", "P-2", "ICU-1", "2026-03-06T06:00:00Z", null);
            api.haiCase("AR-B", "P-2", "MED-3", "2026-03-07T06:00:00Z", null);
            api.haiCase("AR-C", "P-3", "MED-3", "2026-03-08T06:00:00Z", null);
            api.load("AR-L", "S1", "2026-03-02T07:00:00Z", "PENDING");
            api.airSample("AR-E", "ICU-1", 2.0, "2026-03-03T09:00:00Z");
            platform.awaitProjectionsCaughtUp();

            projections.rebuild("all");
            projections.awaitAllLiveOn(2);
            platform.awaitProjectionsCaughtUp();
            MongoDatabase mongo = platform.bean(MongoDatabase.class);
            assertThat(mongo.getCollection("rates_facts_g2").countDocuments()).as("no locators rebuilt").isZero();

            // After the rebuild: AR-A moves to MED-3 in April, AR-C is retracted, ICU-1's census of 1 March is
            // corrected, the load's biological indicator fails, the air sample is amended over its limit.
            api.haiCase("AR-A", "P-1", "MED-3", "2026-04-02T06:00:00Z", "CENTRAL_LINE");
            api.retract("AR-C");
            api.census("ICU-1", "2026-03-01", 25, 2, 6);
            api.biologicalReading("AR-L", "FAIL", "2026-03-03T07:00:00Z");
            api.airSample("AR-E", "ICU-1", 7.5, "2026-03-03T09:00:00Z");
            platform.awaitProjectionsCaughtUp();
            assertHandComputedFigures(api);
            // The locators were derived and recorded as the live path records them.
            assertThat(mongo.getCollection("rates_facts_g2").find(new Document("_id", "case-report:AR-A")).first())
                    .isNotNull();

            // Every event delivered again, amendments included: nothing counts twice.
            for (String group : RebuildApi.PROJECTIONS) {
                platform.redeliverEverything(group);
            }
            platform.awaitProjectionsCaughtUp();
            assertHandComputedFigures(api);

            Map<String, JsonNode> live = api.readAll("epi1", READS);
            projections.rebuild("all");
            projections.awaitAllLiveOn(3);
            platform.awaitProjectionsCaughtUp();
            assertThat(api.readAll("epi1", READS)).isEqualTo(live);
        }
    }

    /**
     * By hand: ICU-1 March has no case left (AR-A moved to April, AR-B to MED-3) and 25 patient-days;
     * MED-3 March has AR-B only (AR-C retracted) over 30; MED-3 April has AR-A with no census; the
     * load failed; the sample, 7.5 CFU against 4.0, is not compliant.
     */
    private static void assertHandComputedFigures(HistoryApi api) {
        JsonNode march = api.read("epi1", "/api/rates?month=2026-03");
        assertThat(march).hasSize(2);
        assertThat(march.get(0).get("wardId").asText()).isEqualTo("ICU-1");
        assertThat(march.get(0).get("haiCases").asLong()).isZero();
        assertThat(march.get(0).get("patientDays").asLong()).isEqualTo(25);
        assertThat(march.get(1).get("wardId").asText()).isEqualTo("MED-3");
        assertThat(march.get(1).get("haiCases").asLong()).isEqualTo(1);
        assertThat(march.get(1).get("patientDays").asLong()).isEqualTo(30);
        JsonNode april = api.read("epi1", "/api/rates?month=2026-04");
        assertThat(april).hasSize(1);
        assertThat(april.get(0).get("wardId").asText()).isEqualTo("MED-3");
        assertThat(april.get(0).get("haiCases").asLong()).isEqualTo(1);
        JsonNode sterilization = api.read("epi1", "/api/sterilization-compliance?month=2026-03").get(0);
        assertThat(sterilization.get("loads").asLong()).isEqualTo(1);
        assertThat(sterilization.get("passed").asLong()).isZero();
        assertThat(sterilization.get("pending").asLong()).isZero();
        JsonNode compliance = api.read("epi1", "/api/compliance?month=2026-03").get(0);
        assertThat(compliance.get("samples").asLong()).isEqualTo(1);
        assertThat(compliance.get("compliant").asLong()).isZero();
    }
}

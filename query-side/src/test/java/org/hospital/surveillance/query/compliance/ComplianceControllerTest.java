package org.hospital.surveillance.query.compliance;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.hospital.surveillance.events.environment.SampleType;
import org.hospital.surveillance.query.support.FigureBuckets;
import org.hospital.surveillance.query.support.FixedPast;
import org.hospital.surveillance.rules.environment.ComplianceTargets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.json.JsonCompareMode;

class ComplianceControllerTest extends FigureBuckets {


    @BeforeEach
    void march() {
        insert(database, ComplianceController.BUCKETS, List.of(
                wardMonth("MED-3", "2026-03", new Document("E-20", sample("SURFACE", true))),
                wardMonth("ICU-1", "2026-03", new Document()
                        // stored in no particular order: rows come in the sample types' order
                        .append("E-9", sample("STERILIZED_ITEM", true))
                        .append("E-1", sample("AIR", true)).append("E-2", sample("AIR", true))
                        .append("E-3", sample("AIR", false)).append("E-4", sample("AIR", true))
                        .append("E-5", sample("AIR", true))
                        .append("E-6", sample("SURFACE", true)).append("E-7", sample("SURFACE", false))
                        .append("E-8", sample("SURFACE", true))
                        .append("E-10", sample("HANDS", true))),
                wardMonth("ICU-1", "2026-04", new Document("E-30", sample("AIR", false)))));
    }

    @Test
    void oneRowPerWardAndSampleTypeWithHandComputedRatesAgainstTheDefaultTargets() {
        // ICU-1 AIR 4 of 5 = 80.0 < 98 -> not met; SURFACE 2 of 3 = 66.666.. -> 66.667 < 98;
        // HANDS 1 of 1 = 100.0 >= 98; STERILIZED_ITEM 1 of 1 = 100.0, exactly the 100 target -> met.
        clientFor(new ComplianceController(database, new FixedPast(), ComplianceTargets.defaults(), APP_JSON))
                .get().uri("/api/compliance?month=2026-03").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        [
                          {"wardId":"ICU-1","month":"2026-03","sampleType":"AIR","samples":5,"compliant":4,"ratePercent":80.0,"targetPercent":98.0,"met":false},
                          {"wardId":"ICU-1","month":"2026-03","sampleType":"SURFACE","samples":3,"compliant":2,"ratePercent":66.667,"targetPercent":98.0,"met":false},
                          {"wardId":"ICU-1","month":"2026-03","sampleType":"HANDS","samples":1,"compliant":1,"ratePercent":100.0,"targetPercent":98.0,"met":true},
                          {"wardId":"ICU-1","month":"2026-03","sampleType":"STERILIZED_ITEM","samples":1,"compliant":1,"ratePercent":100.0,"targetPercent":100.0,"met":true},
                          {"wardId":"MED-3","month":"2026-03","sampleType":"SURFACE","samples":1,"compliant":1,"ratePercent":100.0,"targetPercent":98.0,"met":true}
                        ]""", JsonCompareMode.STRICT);
    }

    @Test
    void aRateExactlyAtAConfiguredTargetMeetsIt() {
        Map<SampleType, Double> targets = new EnumMap<>(ComplianceTargets.defaults().percent());
        targets.put(SampleType.AIR, 80.0);

        clientFor(new ComplianceController(database, new FixedPast(), new ComplianceTargets(targets), APP_JSON))
                .get().uri("/api/compliance?month=2026-03&wardId=ICU-1").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(4)
                .jsonPath("$[0].sampleType").isEqualTo("AIR")
                .jsonPath("$[0].ratePercent").isEqualTo(80.0)
                .jsonPath("$[0].targetPercent").isEqualTo(80.0)
                .jsonPath("$[0].met").isEqualTo(true);
    }

    @Test
    void monthIsRequired() {
        clientFor(new ComplianceController(database, new FixedPast(), ComplianceTargets.defaults(), APP_JSON))
                .get().uri("/api/compliance?wardId=ICU-1").exchange().expectStatus().isBadRequest();
    }

    private static Document wardMonth(String ward, String month, Document samples) {
        return bucket("wardId", ward, month, "samples", samples);
    }

    private static Document sample(String type, boolean compliant) {
        return new Document("sampleType", type).append("cfu", 1.0).append("limit", 4.0).append("compliant", compliant);
    }
}

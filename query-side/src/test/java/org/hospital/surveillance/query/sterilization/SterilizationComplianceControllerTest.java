package org.hospital.surveillance.query.sterilization;

import java.util.List;
import org.bson.Document;
import org.hospital.surveillance.query.support.FigureBuckets;
import org.hospital.surveillance.query.support.FixedPast;
import org.hospital.surveillance.rules.sterilization.SterilizationTarget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

class SterilizationComplianceControllerTest extends FigureBuckets {

    private WebTestClient client;

    @BeforeEach
    void march() {
        insert(database, SterilizationComplianceController.BUCKETS, List.of(
                sterilizerMonth("S3", "2026-03", new Document("S3-1", load("PASSED")).append("S3-2", load("PASSED"))),
                sterilizerMonth("S1", "2026-03", new Document()
                        .append("S1-1", load("PASSED")).append("S1-2", load("PASSED")).append("S1-3", load("PASSED"))
                        .append("S1-4", load("FAILED")).append("S1-5", load("PENDING"))),
                sterilizerMonth("S2", "2026-03", new Document("S2-1", load("PENDING"))),
                sterilizerMonth("S4", "2026-03", new Document()),
                sterilizerMonth("S1", "2026-04", new Document("S1-9", load("FAILED")))));
        client = clientFor(new SterilizationComplianceController(database, new FixedPast(), SterilizationTarget.defaults(), APP_JSON));
    }

    @Test
    void pendingLoadsCountApartAndStayOutOfTheRate() {
        // S1: 3 passed + 1 failed decided, 1 pending -> 3/4 = 75.0 < 100. S2: only pending -> 0 loads,
        // no rate, no verdict. S3: 2/2 = 100.0, exactly the target -> met. S4 has no load left: no row.
        client.get().uri("/api/sterilization-compliance?month=2026-03").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        [
                          {"sterilizerId":"S1","month":"2026-03","loads":4,"passed":3,"pending":1,"ratePercent":75.0,"targetPercent":100.0,"met":false},
                          {"sterilizerId":"S2","month":"2026-03","loads":0,"passed":0,"pending":1,"ratePercent":null,"targetPercent":100.0,"met":null},
                          {"sterilizerId":"S3","month":"2026-03","loads":2,"passed":2,"pending":0,"ratePercent":100.0,"targetPercent":100.0,"met":true}
                        ]""", JsonCompareMode.STRICT);
    }

    @Test
    void sterilizerIdNarrowsToThatSterilizer() {
        client.get().uri("/api/sterilization-compliance?month=2026-04&sterilizerId=S1").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        [{"sterilizerId":"S1","month":"2026-04","loads":1,"passed":0,"pending":0,"ratePercent":0.0,"targetPercent":100.0,"met":false}]""",
                        JsonCompareMode.STRICT);
    }

    @Test
    void monthIsRequired() {
        client.get().uri("/api/sterilization-compliance").exchange().expectStatus().isBadRequest();
        client.get().uri("/api/sterilization-compliance?month=03-2026").exchange().expectStatus().isBadRequest();
    }

    private static Document sterilizerMonth(String sterilizer, String month, Document loads) {
        return bucket("sterilizerId", sterilizer, month, "loads", loads);
    }

    private static Document load(String status) {
        return new Document("status", status).append("failedIndicators", List.of());
    }
}

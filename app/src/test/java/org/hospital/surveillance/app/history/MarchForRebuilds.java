package org.hospital.surveillance.app.history;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

/**
 * A month of every kind of fact, with corrections, amendments, a retraction, late biological
 * readings, alerts of the three types and nurses acting on them: enough history (about 250 events)
 * that a rebuild paced at a few dozen events per second takes several seconds.
 */
final class MarchForRebuilds {

    /** Every read answer this month touches, and May, where facts posted during a rebuild go. */
    static final List<String> READS = List.of(
            "/api/rates?month=2026-03", "/api/rates?month=2026-04", "/api/rates?month=2026-05",
            "/api/rates?month=2026-03&wardId=ICU-1",
            "/api/compliance?month=2026-03", "/api/compliance?month=2026-05",
            "/api/sterilization-compliance?month=2026-03", "/api/sterilization-compliance?month=2026-05",
            "/api/alerts", "/api/alerts?status=OPEN", "/api/alerts?type=CLUSTER", "/api/alerts?wardId=ICU-1");

    private MarchForRebuilds() {
    }

    static void post(HistoryApi api) {
        for (int day = 1; day <= 31; day++) {
            String date = "2026-03-%02d".formatted(day);
            api.census("ICU-1", date, 18 + day % 3, 2, 6);
            api.census("MED-3", date, 30, 5, 2);
            api.census("SURG-2", date, 24, 6, 1);
        }
        api.census("ICU-1", "2026-03-10", 25, 4, 7);
        for (int i = 1; i <= 12; i++) {
            api.haiCase("RB-C-" + i, "P-" + (100 + i), i % 2 == 0 ? "ICU-1" : "MED-3",
                    "2026-03-%02dT06:00:00Z".formatted(i * 2), i % 3 == 0 ? "CENTRAL_LINE" : null);
        }
        api.haiCase("RB-C-4", "P-104", "SURG-2", "2026-04-02T06:00:00Z", "VENTILATOR");
        api.retract("RB-C-5");
        for (int i = 1; i <= 40; i++) {
            api.airSample("RB-E-" + i, i % 2 == 0 ? "ICU-1" : "SURG-2", i % 8 == 0 ? 7.5 : 2.0,
                    "2026-03-%02dT09:00:00Z".formatted(1 + i % 28));
        }
        api.airSample("RB-E-8", "ICU-1", 3.0, "2026-03-09T09:00:00Z");
        for (int i = 1; i <= 20; i++) {
            api.load("RB-S-" + i, i % 2 == 0 ? "S1" : "S2", "2026-03-%02dT07:00:00Z".formatted(i),
                    i % 4 == 0 ? "PENDING" : i == 7 ? "FAIL" : "PASS");
        }
        api.biologicalReading("RB-S-4", "PASS", "2026-03-05T07:00:00Z");
        api.biologicalReading("RB-S-8", "FAIL", "2026-03-09T07:00:00Z");
        api.mrsa("RB-L-1", "P-201", "ICU-1", "2026-03-05T10:00:00Z");
        api.mrsa("RB-L-2", "P-202", "ICU-1", "2026-03-08T10:00:00Z");
        api.mrsa("RB-L-3", "P-203", "ICU-1", "2026-03-12T10:00:00Z");
        api.mrsa("RB-L-4", "P-201", "ICU-1", "2026-03-14T10:00:00Z");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.read("nurse1", "/api/alerts?type=CLUSTER").size() == 1
                        && api.read("nurse1", "/api/alerts?type=STERILIZATION_FAILURE").size() == 2);
        api.acknowledge("STER-RB-S-7");
        api.acknowledge(api.read("nurse1", "/api/alerts?type=CLUSTER").get(0).get("alertId").asText());
    }
}

package org.hospital.surveillance.app.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.events.casereport.CaseCategory;
import org.hospital.surveillance.events.casereport.CaseReport;
import org.hospital.surveillance.events.casereport.CaseReported;
import org.hospital.surveillance.events.casereport.DeviceAssociation;
import org.hospital.surveillance.events.casereport.InfectionSite;
import org.hospital.surveillance.events.census.WardCensus;
import org.hospital.surveillance.events.census.WardCensusRecorded;
import org.hospital.surveillance.events.environment.EnvironmentClass;
import org.hospital.surveillance.events.environment.EnvironmentSample;
import org.hospital.surveillance.events.environment.EnvironmentSampleRecorded;
import org.hospital.surveillance.events.environment.SampleType;
import org.hospital.surveillance.projection.compliance.EnvironmentComplianceProjection;
import org.hospital.surveillance.projection.rates.RatesProjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three hot reads side by side in one run, on the embedded default through real HTTP at 8
 * connections: as served (answers kept while their read model is unchanged), then with keeping
 * defeated as the benchmark's reference defeats it (a writer's mark that stays on the figure
 * collections, the board's counter ahead of its changes). A month of 40 wards written by the live
 * projections' own handlers (a census every day, 5 cases, 30 samples per ward) and a board of
 * 10,000 alerts written as the board projection writes them. Prints the latencies; asserts only that
 * both ways answer the same bytes. Not part of any suite (its name matches no test pattern): run it
 * with {@code -Dtest=KeptReadsMeasurement}.
 */
@Timeout(900)
class KeptReadsMeasurement {

    private static final String MONTH = "2025-12";
    private static final int WARDS = 40;
    private static final int ALERTS = 10_000;
    private static final int CONNECTIONS = 8;

    @TempDir
    static Path dataDir;

    @Test
    void keptAndUnkeptReadsSideBySide() throws Exception {
        Duration warmUp = Duration.ofSeconds(Long.getLong("measure.warmUpSeconds", 3));
        Duration run = Duration.ofSeconds(Long.getLong("measure.readSeconds", 10));
        try (Platform platform = Platform.start(dataDir)) {
            MongoDatabase readModels = platform.bean(MongoDatabase.class);
            aMonthOfFortyWards(platform.bean(RatesProjection.class), platform.bean(EnvironmentComplianceProjection.class));
            aBoardOf(readModels.getCollection("alert_board"), readModels.getCollection("alert_board_feed"));
            List<String> paths = List.of("/api/rates?month=" + MONTH, "/api/compliance?month=" + MONTH, "/api/alerts",
                    "/api/alerts?status=OPEN");

            Map<String, byte[]> keptBodies = bodies(platform, paths);
            Map<String, HttpLoad.Result> kept = new LinkedHashMap<>();
            for (String path : paths) {
                kept.put(path, HttpLoad.closedLoop(platform.baseUrl(), CONNECTIONS, warmUp, run,
                        n -> HttpLoad.Call.get("nurse1", path)));
            }
            String keptLoad = BenchmarkReport.loadAverage();
            defeatKeeping(readModels);
            Map<String, byte[]> unkeptBodies = bodies(platform, paths);
            for (String path : paths) {
                assertThat(unkeptBodies.get(path)).as(path).isEqualTo(keptBodies.get(path));
            }
            List<String> lines = new ArrayList<>();
            for (String path : paths) {
                HttpLoad.Result unkept = HttpLoad.closedLoop(platform.baseUrl(), CONNECTIONS, warmUp, run,
                        n -> HttpLoad.Call.get("nurse1", path));
                HttpLoad.Result keptResult = kept.get(path);
                lines.add(String.format("%-32s %7d B  kept p50 %7.1f p99 %7.1f ms %6.0f/s | unkept p50 %7.1f p99 %7.1f ms %6.0f/s"
                                + " | p99 ratio %.3f", path, keptBodies.get(path).length, keptResult.millis(0.5),
                        keptResult.millis(0.99), keptResult.okPerSecond(), unkept.millis(0.5), unkept.millis(0.99),
                        unkept.okPerSecond(), keptResult.millis(0.99) / unkept.millis(0.99)));
            }
            System.out.println("KEPT-READS load while kept: " + keptLoad + "; after unkept: " + BenchmarkReport.loadAverage());
            lines.forEach(line -> System.out.println("KEPT-READS " + line));
        }
    }

    private static Map<String, byte[]> bodies(Platform platform, List<String> paths) throws Exception {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        for (String path : paths) {
            HttpResponse<byte[]> response = HttpLoad.client().send(HttpLoad.Call.get("nurse1", path).toRequest(platform.baseUrl()),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            bodies.put(path, response.body());
        }
        return bodies;
    }

    /** As the benchmark's reference: a writer's mark that stays on each figure collection, the board's counter ahead. */
    private static void defeatKeeping(MongoDatabase readModels) {
        for (String collection : List.of(RatesProjection.BUCKETS, EnvironmentComplianceProjection.BUCKETS)) {
            readModels.getCollection("read_model_changes").updateOne(Filters.eq("_id", collection),
                    Updates.set("writing.as-before", true), new UpdateOptions().upsert(true));
        }
        readModels.getCollection("alert_board_feed").updateOne(Filters.eq("_id", "alert_board"), Updates.inc("position", 1L));
    }

    private static void aMonthOfFortyWards(RatesProjection rates, EnvironmentComplianceProjection compliance) {
        LocalDate first = LocalDate.parse(MONTH + "-01");
        for (int w = 0; w < WARDS; w++) {
            String ward = "W-%02d".formatted(w);
            for (int day = 0; day < 31; day++) {
                rates.on(new WardCensusRecorded(new WardCensus(ward, first.plusDays(day), 20 + w % 7, 2, 4, 5, 3)), 0);
            }
            for (int c = 0; c < 5; c++) {
                rates.on(new CaseReported(new CaseReport("C-" + ward + "-" + c, "P-" + ward + "-" + c, ward, CaseCategory.HAI,
                        InfectionSite.BSI, "Staphylococcus aureus", "MRSA", first.plusDays(3 + 5 * c).atStartOfDay().toInstant(
                        java.time.ZoneOffset.UTC), c % 2 == 0 ? DeviceAssociation.CENTRAL_LINE : null, null, null)), 0);
            }
            for (int s = 0; s < 30; s++) {
                SampleType type = s % 2 == 0 ? SampleType.AIR : SampleType.SURFACE;
                compliance.on(new EnvironmentSampleRecorded(new EnvironmentSample("E-" + ward + "-" + s, ward, type,
                        EnvironmentClass.III, null, null, s % 10 == 0 ? 9.0 : 1.0,
                        first.plusDays(s).atTime(9, 0).toInstant(java.time.ZoneOffset.UTC))), 0);
            }
        }
    }

    /** Alerts shaped as the board projection writes them: clusters of 3 to 6 cases, environment alerts; each with its change number. */
    private static void aBoardOf(MongoCollection<Document> board, MongoCollection<Document> feed) {
        List<Document> alerts = new ArrayList<>();
        Instant start = Instant.parse("2016-01-01T00:00:00Z");
        for (int i = 1; i <= ALERTS; i++) {
            String ward = "W-%02d".formatted(i % WARDS);
            Date raisedAt = Date.from(start.plusSeconds(i * 30_000L));
            String status = i % 3 == 0 ? "OPEN" : i % 3 == 1 ? "ACKNOWLEDGED" : "CLOSED";
            Document alert;
            if (i % 10 < 7) {
                int cases = 3 + i % 4;
                List<Document> members = new ArrayList<>();
                List<String> patients = new ArrayList<>();
                for (int c = 0; c < cases; c++) {
                    patients.add("P-%06d-%d".formatted(i, c));
                    members.add(new Document("source", "lab-result:L-%06d-%d".formatted(i, c)).append("patientId", patients.get(c))
                            .append("caseAt", raisedAt));
                }
                alert = new Document("_id", "CLU-%09d".formatted(i)).append("alertId", "CLU-%09d".formatted(i))
                        .append("type", "CLUSTER").append("wardId", ward).append("organism", "Staphylococcus aureus")
                        .append("phenotype", "MRSA").append("cases", members).append("caseCount", cases)
                        .append("patientIds", patients).append("firstCaseAt", raisedAt).append("lastCaseAt", raisedAt)
                        .append("detail", cases + " patients in ward " + ward + " with Staphylococcus aureus (MRSA) within 14 days");
            } else {
                alert = new Document("_id", "ENV-E-%06d".formatted(i)).append("alertId", "ENV-E-%06d".formatted(i))
                        .append("type", "ENVIRONMENT").append("wardId", ward).append("sampleId", "E-%06d".formatted(i))
                        .append("sampleType", "AIR").append("cfu", 9.0).append("limit", 4.0).append("collectedAt", raisedAt)
                        .append("detail", "Air sample over the class III limit");
            }
            alerts.add(alert.append("status", status).append("raisedAt", raisedAt).append("lastSequence", 0L)
                    .append("feedPosition", (long) i));
        }
        for (int from = 0; from < alerts.size(); from += 1000) {
            board.insertMany(alerts.subList(from, from + 1000));
        }
        feed.updateOne(Filters.eq("_id", "alert_board"), Updates.set("position", (long) ALERTS), new UpdateOptions().upsert(true));
    }
}

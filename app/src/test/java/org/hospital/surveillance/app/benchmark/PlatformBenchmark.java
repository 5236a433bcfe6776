package org.hospital.surveillance.app.benchmark;

import static org.hospital.surveillance.app.benchmark.BenchmarkReport.atLeast;
import static org.hospital.surveillance.app.benchmark.BenchmarkReport.atMost;
import static org.hospital.surveillance.app.benchmark.BenchmarkReport.f;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.hospital.surveillance.app.board.PackagedPlatform;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.PostgresDatabase;
import org.hospital.surveillance.app.support.TempDirs;
import org.hospital.surveillance.process.alert.AlertDetector;
import org.hospital.surveillance.projection.alert.AlertBoardProjection;
import org.hospital.surveillance.projection.compliance.EnvironmentComplianceProjection;
import org.hospital.surveillance.projection.rates.RatesProjection;
import org.hospital.surveillance.projection.support.Bucket;
import org.hospital.surveillance.projection.support.ReadModelChanges;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole performance benchmark of issue 12 in one run, one table at the end (printed and
 * written to {@code target/benchmark-report.md}). Not a test: its name matches neither Surefire's
 * nor Failsafe's patterns, so {@code ./mvnw verify} and CI leave it out. Run it with
 * {@code bench/run} (docs/benchmarks.md, "The benchmark command"), which packages the jar first.
 *
 * <p>Parts ({@code -Dbenchmark.parts=ingest,paced,scale,volume}, all by default):
 * <ul>
 * <li>{@code ingest}: single lab results over HTTP at 8 connections, closed loop, against a raw
 * single-row append with its own commit at 8 threads into the same store, H2 file and PostgreSQL;</li>
 * <li>{@code paced}: an open-loop mixed load at each rate of {@code benchmark.rates}: accepted rate,
 * every processor's lag, and the alert latency of clusters injected during the load;</li>
 * <li>{@code scale}: the same paced load on PostgreSQL with one instance, then spread over two;</li>
 * <li>{@code volume}: a generated history of {@code benchmark.events} events, plain read and full
 * rebuild, then reads and {@code asOf} reads at that volume on the packaged jar, and disk per event.</li>
 * </ul>
 * Everything talks to the packaged jar over loopback HTTP, except the history's generation and
 * rebuild, which run on the platform started in this JVM (the history goes through Axon's storage
 * engine, far faster than HTTP).
 */
class PlatformBenchmark {

    private static final int CONNECTIONS = 8;
    private static final int MAX_IN_FLIGHT = 2000;
    /** The reads at volume: without an Accept-Encoding, and with a browser's. */
    private static final List<String> READ_ENCODINGS = List.of("", "gzip, deflate, br, zstd");
    private static final List<String> ALL_PARTS = List.of("ingest", "paced", "scale", "volume");
    private static final Pattern EMBEDDED_MONGO = Pattern.compile("embedded MongoDB-compatible server on ([0-9.]+):(\\d+)");
    private static final Pattern CLAIMED = Pattern.compile(
            "^surveillance_processor_claimed_segments\\{[^}]*processor=\"([^\"]+)\"[^}]*\\} (\\S+)", Pattern.MULTILINE);

    private final int events = Integer.getInteger("benchmark.events", 1_000_000);
    private final List<String> parts = Arrays.asList(System.getProperty("benchmark.parts", String.join(",", ALL_PARTS)).split(","));
    private final Duration warmUp = Duration.ofSeconds(Long.getLong("benchmark.warmUpSeconds", 10));
    private final Duration ingestRun = Duration.ofSeconds(Long.getLong("benchmark.ingestSeconds", 30));
    private final List<Integer> rates = Arrays.stream(System.getProperty("benchmark.rates", "200,500,1000").split(","))
            .map(String::trim).map(Integer::valueOf).toList();
    private final Duration pacedRun = Duration.ofSeconds(Long.getLong("benchmark.pacedSeconds", 45));
    private final int scaleRate = Integer.getInteger("benchmark.scaleRate", 1000);
    private final Duration readRun = Duration.ofSeconds(Long.getLong("benchmark.readSeconds", 20));
    private final Duration drain = Duration.ofSeconds(Long.getLong("benchmark.drainSeconds", 120));
    private final int clusterEvery = Integer.getInteger("benchmark.clusterEverySeconds", 5);
    /** Leaves the volume part's stores on disk (their folder is printed), to start the jar on them again by hand. */
    private final boolean keepHistory = Boolean.getBoolean("benchmark.keepHistory");
    private final BenchmarkReport report = new BenchmarkReport();
    private final String runId = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    @Test
    @Timeout(value = 4, unit = TimeUnit.HOURS) // a million events generated and rebuilt on today's code takes most of an hour
    void wholeBenchmark() throws Exception {
        List<String> failures = new ArrayList<>();
        try {
            for (String part : ALL_PARTS) {
                if (!parts.contains(part)) {
                    continue;
                }
                report.startPart(part);
                String outcome = "done";
                try {
                    switch (part) {
                        case "ingest" -> ingest();
                        case "paced" -> paced();
                        case "scale" -> scale();
                        default -> volume();
                    }
                } catch (Exception | AssertionError e) {
                    outcome = "FAILED: " + e;
                    failures.add(part + ": " + e);
                    report.detail("%s failed: %s", part, e);
                    e.printStackTrace(System.out);
                }
                report.endPart(outcome);
            }
        } finally {
            String text = report.markdown(f("Parameters: events %,d, parts %s, warm-up %d s, ingest %d s, rates %s facts/s for %d s "
                            + "each, scale-out at %d facts/s, reads %d s per endpoint, drain bound %d s, a cluster every %d s.",
                    events, String.join(",", parts), warmUp.toSeconds(), ingestRun.toSeconds(), rates, pacedRun.toSeconds(),
                    scaleRate, readRun.toSeconds(), drain.toSeconds(), clusterEvery));
            report.write(Path.of("target", "benchmark-report.md"), text);
            System.out.println(text);
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("Parts failed (the report has the rest): " + failures);
        }
    }

    // --- ingest -------------------------------------------------------------------------------

    private void ingest() throws Exception {
        for (String store : List.of("h2", "postgres")) {
            Path dir = Files.createTempDirectory("bench-ingest-");
            PostgresDatabase database = store.equals("postgres") ? PostgresDatabase.create() : null;
            try {
                MixedFacts facts = new MixedFacts("I" + runId);
                IngestLoad.Result http;
                try (PackagedPlatform platform = start(dir, "ingest-" + store, postgres(database))) {
                    // The mix's lab results (positives community-onset), so the detector's cluster work is that of a normal day.
                    IngestLoad.Target labResults = new IngestLoad.Target(URI.create(platform.baseUrl()), "/api/lab-results",
                            "lab1", HttpLoad.PASSWORD, n -> facts.labResult((int) n).body().getBytes(StandardCharsets.UTF_8));
                    http = IngestLoad.closedLoop(labResults, CONNECTIONS, warmUp, ingestRun);
                }
                RawAppend.Result raw;
                try (HikariDataSource eventStore = database == null ? RawAppend.h2FileAsTheAppOpensIt(dir.resolve("data").resolve("events"))
                        : RawAppend.postgres(database.url())) {
                    raw = RawAppend.run(eventStore, CONNECTIONS, warmUp, ingestRun);
                }
                double ratio = http.perSecond() / raw.rowsPerSecond();
                report.row(f("ingest %s: single lab results over HTTP, 8 connections, vs raw single-row append with its own commit, 8 threads",
                                store.equals("h2") ? "H2 file" : "PostgreSQL"),
                        f("%,.0f facts/s, p50 %.1f ms, p99 %.1f ms", http.perSecond(), http.p50Millis(), http.p99Millis()),
                        f("%,.0f rows/s, p50 %.2f ms, p99 %.2f ms", raw.rowsPerSecond(), raw.p50Millis(), raw.p99Millis()),
                        f("%.3f", ratio), ">= 0.50", atLeast(ratio, 0.5));
                report.detail("ingest %s: HTTP %s; raw append %,d rows in %.0f s", store, http, raw.rows(), raw.seconds());
            } finally {
                if (database != null) {
                    database.close();
                }
                TempDirs.delete(dir);
            }
        }
    }

    // --- paced mixed load ---------------------------------------------------------------------

    /** What one paced run gave: the load, each processor's lag, the injected clusters' alerts, the time to drain. */
    private record Stage(HttpLoad.Result load, Map<String, double[]> lag, ClusterFigures alerts, ClusterFigures idle,
                         double drainSeconds) {

        /** The processor with the highest p99 lag, and its figures. */
        Map.Entry<String, double[]> worst() {
            return lag.entrySet().stream().max((a, b) -> Double.compare(a.getValue()[1], b.getValue()[1])).orElse(null);
        }
    }

    /** Milliseconds from the third case's 201 to the streamed alert; clusters whose alert never came count as endless. */
    private record ClusterFigures(double[] millis, int created) {

        double quantile(double q) {
            if (created == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(q * created) - 1;
            return rank < millis.length ? millis[Math.max(0, rank)] : Double.POSITIVE_INFINITY;
        }

        String text() {
            return created == 0 ? "no cluster measured" : f("p50 %s, p99 %s (%d of %d alerts streamed)", ms(quantile(0.5)),
                    ms(quantile(0.99)), millis.length, created);
        }

        private static String ms(double value) {
            return Double.isInfinite(value) ? "never (within the drain bound)" : f("%.0f ms", value);
        }
    }

    private void paced() throws Exception {
        for (int rate : rates) {
            Path dir = Files.createTempDirectory("bench-paced-");
            try {
                Stage stage;
                try (PackagedPlatform platform = start(dir, "paced-" + rate, Map.of())) {
                    stage = pacedStage(List.of(platform.baseUrl()), rate, "P" + rate + runId, true);
                }
                pacedRows(f("paced mixed load at %,d facts/s, H2 file", rate), rate, stage);
                report.row(f("cluster alert at %,d facts/s: 201 of the third case -> SSE alert", rate), stage.alerts().text(),
                        "idle, same instance before the load: " + stage.idle().text(), ratio(stage.alerts().quantile(0.5),
                                stage.idle().quantile(0.5)) + " (p50s)", "p99 <= 250 ms", atMost(stage.alerts().quantile(0.99), 250));
                if (rate == rates.get(rates.size() - 1)) {
                    embeddedDisk(dir.resolve("data"), f("after the %,d facts/s run (facts over HTTP)", rate));
                }
            } finally {
                TempDirs.delete(dir);
            }
        }
    }

    private void pacedRows(String what, int rate, Stage stage) {
        HttpLoad.Result load = stage.load();
        double accepted = load.okPerSecond();
        report.row(what + ": accepted", f("%,.0f facts/s (p50 %.0f ms, p99 %.0f ms; %,d failed; %,d answers 503, each sent again after its Retry-After; %,d not sent)",
                        accepted, load.millis(0.5), load.millis(0.99), load.failed(), load.refused(), load.notSent()),
                f("offered %,d facts/s", rate), f("%.3f", accepted / rate), "all accepted", atLeast(accepted / rate, 0.99));
        Map.Entry<String, double[]> worst = stage.worst();
        if (worst == null) {
            report.row(what + ": lag", "no lag sample", "", "", "p99 <= 1 s", "not measured");
        } else {
            double[] w = worst.getValue();
            report.row(what + ": lag of the slowest processor (" + worst.getKey() + ")",
                    f("p50 %.1f s, p99 %.1f s, max %.1f s", w[0], w[1], w[2]),
                    Double.isNaN(stage.drainSeconds()) ? f("not caught up %d s after the load", drain.toSeconds())
                            : f("caught up %.0f s after the load", stage.drainSeconds()),
                    "", "p99 <= 1 s", atMost(w[1], 1));
        }
        stage.lag().forEach((processor, l) -> report.detail("%s: lag of %s p50 %.2f s, p99 %.2f s, max %.2f s (%.0f samples)",
                what, processor, l[0], l[1], l[2], l[3]));
    }

    private Stage pacedStage(List<String> baseUrls, int rate, String run, boolean clusters) throws Exception {
        MixedFacts facts = new MixedFacts(run);
        ClusterFigures idle = new ClusterFigures(new double[0], 0);
        if (clusters) {
            try (ClusterAlerts quiet = new ClusterAlerts("KI" + run, baseUrls)) {
                quiet.inject(3, 2);
                awaitQuietly(Duration.ofSeconds(60), () -> quiet.created() == 3 && quiet.awaiting() == 0);
                idle = new ClusterFigures(quiet.latenciesMillis(), quiet.created());
            }
        }
        // Warm-up at the same rate, not counted: a fresh JVM's first seconds are its JIT's.
        HttpLoad.paced(baseUrls, rate, warmUp, facts::fact, MAX_IN_FLIGHT);
        int offset = (int) (rate * warmUp.toSeconds());
        try (LagSampler lag = new LagSampler(baseUrls);
             ClusterAlerts alerts = clusters ? new ClusterAlerts("K" + run, baseUrls) : null) {
            if (alerts != null) {
                // Every cluster's third case inside the load: the k-th at k * every + 2 s.
                alerts.inject((int) Math.max(1, (pacedRun.toSeconds() - 3) / clusterEvery + 1), clusterEvery);
            }
            HttpLoad.Result load = HttpLoad.paced(baseUrls, rate, pacedRun, n -> facts.fact(offset + n), MAX_IN_FLIGHT);
            Map<String, double[]> lagFigures = lag.summary();
            lag.close();
            report.detail("lag scrapes during the %,d facts/s load (%s): %s", rate, run, lag.scrapes());
            long loadEnded = System.nanoTime();
            boolean drained = awaitQuietly(drain, () -> caughtUp(lag.now()) && (alerts == null || alerts.awaiting() == 0));
            double drainSeconds = drained ? (System.nanoTime() - loadEnded) / 1e9 : Double.NaN;
            ClusterFigures figures = alerts == null ? new ClusterFigures(new double[0], 0)
                    : new ClusterFigures(alerts.latenciesMillis(), alerts.created());
            return new Stage(load, lagFigures, figures, idle, drainSeconds);
        }
    }

    private static boolean caughtUp(Map<String, Double> lag) {
        return !lag.isEmpty() && lag.values().stream().allMatch(v -> Double.isNaN(v) || v == 0.0)
                && lag.values().stream().anyMatch(v -> !Double.isNaN(v));
    }

    /** A bounded wait that reports whether the condition came true instead of failing the part. */
    private static boolean awaitQuietly(Duration atMost, java.util.concurrent.Callable<Boolean> condition) {
        try {
            Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(condition);
            return true;
        } catch (ConditionTimeoutException notInTime) {
            return false;
        }
    }

    // --- one and two instances ----------------------------------------------------------------

    private void scale() throws Exception {
        Map<Integer, Stage> stages = new LinkedHashMap<>();
        Map<Integer, HttpLoad.Result> closed = new LinkedHashMap<>();
        for (int instances = 1; instances <= 2; instances++) {
            Path first = Files.createTempDirectory("bench-scale-");
            Path second = Files.createTempDirectory("bench-scale-");
            PostgresDatabase database = PostgresDatabase.create();
            try {
                try (PackagedPlatform a = start(first, "scale-" + instances + "-a", postgres(database))) {
                    PackagedPlatform b = null;
                    try {
                        List<String> urls = new ArrayList<>(List.of(a.baseUrl()));
                        if (instances == 2) {
                            Map<String, String> environment = new LinkedHashMap<>(postgres(database));
                            environment.put("SPRING_DATA_MONGODB_URI", embeddedMongoUri(a));
                            b = start(second, "scale-2-b", environment);
                            urls.add(b.baseUrl());
                        }
                        stages.put(instances, pacedStage(urls, scaleRate, "S" + instances + runId, false));
                        MixedFacts facts = new MixedFacts("SC" + instances + runId);
                        closed.put(instances, HttpLoad.closedLoop(urls, CONNECTIONS, warmUp, ingestRun, facts::fact));
                        for (String url : urls) {
                            report.detail("%d instance(s): segments claimed by %s: %s", instances, url, claimed(url));
                        }
                    } finally {
                        if (b != null) {
                            b.close();
                        }
                    }
                }
                if (instances == 1) {
                    try (HikariDataSource eventStore = RawAppend.postgres(database.url())) {
                        long events = DiskPerEvent.eventCount(eventStore);
                        Map<String, Long> tables = DiskPerEvent.postgresTableBytes(eventStore);
                        long all = DiskPerEvent.postgresEventStoreBytes(eventStore);
                        report.row("disk, PostgreSQL event store (after the one-instance run, facts over HTTP)",
                                f("%,.0f bytes/event (Axon's tables, pg_total_relation_size)", DiskPerEvent.bytesPerEvent(all, events)),
                                f("%,d events; per table: %s", events, tables), "", "<= 1 KB/event",
                                atMost(DiskPerEvent.bytesPerEvent(all, events), 1024));
                    }
                }
            } finally {
                database.close();
                TempDirs.delete(first);
                TempDirs.delete(second);
            }
        }
        for (Map.Entry<Integer, Stage> e : stages.entrySet()) {
            pacedRows(f("%d instance(s) on PostgreSQL, paced mixed load at %,d facts/s", e.getKey(), scaleRate), scaleRate, e.getValue());
            HttpLoad.Result c = closed.get(e.getKey());
            report.row(f("%d instance(s) on PostgreSQL: closed loop, mixed facts, 8 connections spread over the instances", e.getKey()),
                    f("%,.0f facts/s, p50 %.0f ms, p99 %.0f ms", c.okPerSecond(), c.millis(0.5), c.millis(0.99)),
                    e.getKey() == 2 ? f("one instance: %,.0f facts/s", closed.get(1).okPerSecond()) : "",
                    e.getKey() == 2 ? ratio(c.okPerSecond(), closed.get(1).okPerSecond()) : "", "measured", "-");
        }
        if (stages.size() == 2 && stages.get(1).worst() != null && stages.get(2).worst() != null) {
            report.row("two instances against one: p99 lag of the slowest processor", f("%.1f s", stages.get(2).worst().getValue()[1]),
                    f("one instance: %.1f s", stages.get(1).worst().getValue()[1]),
                    ratio(stages.get(2).worst().getValue()[1], stages.get(1).worst().getValue()[1]), "measured", "-");
        }
    }

    private static String embeddedMongoUri(PackagedPlatform platform) throws Exception {
        Matcher m = EMBEDDED_MONGO.matcher(Files.readString(platform.log()));
        String port = null;
        while (m.find()) {
            port = m.group(2); // the last start in the log is this one
        }
        if (port == null) {
            throw new IllegalStateException("No embedded read-model server in " + platform.log());
        }
        return "mongodb://127.0.0.1:" + port + "/surveillance";
    }

    private static String claimed(String baseUrl) throws Exception {
        String body = HttpLoad.client().send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<String> claims = new ArrayList<>();
        Matcher m = CLAIMED.matcher(body);
        while (m.find()) {
            claims.add(m.group(1) + "=" + m.group(2).replace(".0", ""));
        }
        return String.join(", ", claims);
    }

    // --- volume -------------------------------------------------------------------------------

    private void volume() throws Exception {
        Path dir = Files.createTempDirectory("bench-volume-");
        Path data = dir.resolve("data");
        try {
            double cold;
            double warm;
            double rebuild;
            double generated;
            try (Platform platform = Platform.start(data)) {
                platform.streamingProcessors().forEach(StreamingEventProcessor::shutDown);
                long started = System.nanoTime();
                GeneratedHistory history = new GeneratedHistory(events);
                for (int from = 0; from < events; from += 100_000) {
                    history.appendTo(platform.bean(EventStorageEngine.class), from, Math.min(events, from + 100_000), 1000);
                    System.out.printf("  appended %,d events (load %s)%n", Math.min(events, from + 100_000), BenchmarkReport.loadAverage());
                }
                generated = (System.nanoTime() - started) / 1e9;
                cold = HistoryTimings.plainRead(platform, events);
                HistoryTimings.liveAtHead(platform);
                rebuild = HistoryTimings.rebuildAll(platform, Duration.ofHours(3));
                warm = HistoryTimings.plainRead(platform, events);
                detectorAtHead(platform);
            }
            report.detail("volume: %,d events generated through Axon's storage engine in %.1f s (%,.0f events/s)", events, generated,
                    events / generated);
            double plain = Math.min(cold, warm);
            double rebuildRate = events / rebuild;
            double ratio = plain / rebuild;
            report.row(f("full rebuild of %,d events (POST /api/projections/all/rebuild), embedded default", events),
                    f("%,.0f events/s (%.1f s)", rebuildRate, rebuild),
                    f("plain read %,.0f events/s (cold %,.0f, warm %,.0f)", events / plain, events / cold, events / warm),
                    f("%.3f", ratio), ">= 40,000 events/s and >= 0.7",
                    rebuildRate >= 40_000 && ratio >= 0.7 ? "met" : f("missed (%s; ratio %s)", atLeast(rebuildRate, 40_000),
                            atLeast(ratio, 0.7)));

            YearMonth month = YearMonth.from(LocalDate.of(2016, 1, 1).plusDays((long) (events - 1) * 3650 / events));
            try (PackagedPlatform platform = start(dir, "volume", Map.of())) {
                List<String> paths = List.of("/api/rates?month=" + month, "/api/compliance?month=" + month, "/api/alerts");
                // Each path read as a plain HTTP client asks (no Accept-Encoding) and as a browser or a
                // dashboard asks (gzip), each after its own warm-up, by the plain-socket client: Java's
                // HttpClient took more of the two cores than the platform's answers did.
                Map<String, IngestLoad.Result> keyed = new LinkedHashMap<>();
                Map<String, String> keyedLoad = new LinkedHashMap<>();
                for (String path : paths) {
                    for (String encoding : READ_ENCODINGS) {
                        keyed.put(encoding + path, IngestLoad.closedLoop(IngestLoad.reads(platform.baseUrl(), path, "nurse1",
                                HttpLoad.PASSWORD, encoding.isEmpty() ? null : encoding), CONNECTIONS, warmUp, readRun));
                        keyedLoad.put(encoding + path, BenchmarkReport.loadAverage());
                    }
                }
                readsAsBeforeKeyedReads(embeddedMongoUri(platform));
                for (String path : paths) {
                    IngestLoad.Result before = IngestLoad.closedLoop(IngestLoad.reads(platform.baseUrl(), path, "nurse1",
                            HttpLoad.PASSWORD, null), CONNECTIONS, warmUp, readRun);
                    String beforeText = f("read as before keyed reads: p99 %.1f ms (p50 %.1f ms, %,.0f requests/s, %,d failed; load %s)",
                            before.p99Millis(), before.p50Millis(), before.perSecond(), failed(before), BenchmarkReport.loadAverage());
                    for (String encoding : READ_ENCODINGS) {
                        IngestLoad.Result reads = keyed.get(encoding + path);
                        report.row(f("read GET %s at 8 connections%s, %,d events of history", path,
                                        encoding.isEmpty() ? "" : " as a browser asks (Accept-Encoding: gzip)", events),
                                f("p99 %.1f ms (p50 %.1f ms, %,.0f requests/s, %,d failed; load %s)", reads.p99Millis(),
                                        reads.p50Millis(), reads.perSecond(), failed(reads), keyedLoad.get(encoding + path)),
                                beforeText, ratio(reads.p99Millis(), before.p99Millis()), "p99 <= 50 ms",
                                atMost(reads.p99Millis(), 50));
                    }
                }
                String asOf = Instant.now().toString();
                for (String path : List.of("/api/rates?month=" + month + "&asOf=" + asOf, "/api/alerts?asOf=" + asOf)) {
                    double[] seconds = timeThrice(platform.baseUrl(), path);
                    report.row(f("asOf read GET %s over %,d events", path.replace(asOf, "<now>"), events),
                            f("median %.2f s of 3 (%.2f, %.2f, %.2f)", seconds[1], seconds[0], seconds[1], seconds[2]),
                            "", "", "<= 2 s", atMost(seconds[1], 2));
                }
            }
            embeddedDisk(data, f("after the generated %,d-event history and its rebuild", events));
        } finally {
            if (keepHistory) {
                report.detail("volume: stores kept in %s (SURVEILLANCE_DATADIR=%s)", dir, data);
            } else {
                TempDirs.delete(dir);
            }
        }
    }

    /**
     * The alert detector stays stopped through the generation and the rebuild (it sends commands);
     * its token goes to the head so the packaged jar started on this history does not raise
     * alerts for ten years of generated facts while the reads are measured.
     */
    private static void detectorAtHead(Platform platform) {
        StreamingEventProcessor detector = platform.streamingProcessor(AlertDetector.PROCESSING_GROUP);
        detector.shutDown();
        TokenStore tokens = platform.bean(TokenStore.class);
        var head = platform.bean(EventStore.class).createHeadToken();
        platform.bean(TransactionManager.class).executeInTransaction(() -> {
            for (int segment : tokens.fetchSegments(AlertDetector.PROCESSING_GROUP)) {
                tokens.storeToken(head, AlertDetector.PROCESSING_GROUP, segment);
            }
        });
    }

    /**
     * Makes the platform read as it did before month key lists and kept answers, on the same data:
     * the figure read models lose the mark that their key lists are complete (as one written before
     * they were kept), so a month is filtered on its field again, and carry a writer's mark that stays
     * (as while a write is under way), so no month's answer is kept; the board's counter moves ahead of
     * its changes (as while a change is on its way), so every read reads and serialises the whole board.
     */
    private static void readsAsBeforeKeyedReads(String mongoUri) {
        try (MongoClient mongo = MongoClients.create(mongoUri)) {
            MongoDatabase readModels = mongo.getDatabase("surveillance");
            for (String name : readModels.listCollectionNames()) {
                if (name.startsWith(RatesProjection.BUCKETS) || name.startsWith(EnvironmentComplianceProjection.BUCKETS)) {
                    readModels.getCollection(name).deleteOne(Filters.eq("_id", Bucket.KEYS_COMPLETE));
                    readModels.getCollection(ReadModelChanges.COLLECTION).updateOne(Filters.eq("_id", name),
                            Updates.set(ReadModelChanges.WRITING + ".as-before", true), new UpdateOptions().upsert(true));
                }
            }
            readModels.getCollection(AlertBoardProjection.FEED_COLLECTION)
                    .updateOne(Filters.eq("_id", AlertBoardProjection.COLLECTION), Updates.inc("position", 1L));
        }
    }

    /** Seconds of three sequential requests, sorted. */
    private static double[] timeThrice(String baseUrl, String path) throws Exception {
        HttpClient http = HttpLoad.client();
        double[] seconds = new double[3];
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            HttpResponse<byte[]> response = http.send(HttpLoad.Call.get("epi1", path).toRequest(baseUrl),
                    HttpResponse.BodyHandlers.ofByteArray());
            seconds[i] = (System.nanoTime() - started) / 1e9;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
            }
        }
        Arrays.sort(seconds);
        return seconds;
    }

    /** Bytes per event of the embedded default's two stores, read after its platform stopped. */
    private void embeddedDisk(Path data, String when) throws Exception {
        // Sized before the count opens the event store: H2 compacts a file when it closes it.
        long eventStoreBytes = DiskPerEvent.h2EventStoreBytes(data);
        long readModelBytes = DiskPerEvent.embeddedReadModelBytes(data);
        long events;
        try (HikariDataSource eventStore = RawAppend.h2FileAsTheAppOpensIt(data.resolve("events"))) {
            events = DiskPerEvent.eventCount(eventStore);
        }
        double perEvent = DiskPerEvent.bytesPerEvent(eventStoreBytes, events);
        double readModelsPerEvent = DiskPerEvent.bytesPerEvent(readModelBytes, events);
        report.row("disk, H2 event store " + when, f("%,.0f bytes/event", perEvent),
                f("%,d events, %,d bytes", events, eventStoreBytes), "", "<= 1 KB/event", atMost(perEvent, 1024));
        report.row("disk, embedded read models " + when, f("%,.0f bytes/event", readModelsPerEvent),
                f("%,d events, %,d bytes", events, readModelBytes), "", "<= 2 KB/event", atMost(readModelsPerEvent, 2048));
    }

    // --- helpers ------------------------------------------------------------------------------

    private PackagedPlatform start(Path dir, String name, Map<String, String> environment) {
        return PackagedPlatform.start(dir, "benchmark-" + runId + "-" + name, environment);
    }

    private static Map<String, String> postgres(PostgresDatabase database) {
        return database == null ? Map.of() : PackagedPlatform.environment("SPRING_DATASOURCE_URL", database.url(),
                "SPRING_DATASOURCE_USERNAME", PostgresDatabase.USER, "SPRING_DATASOURCE_PASSWORD", "");
    }

    /** Requests of a closed loop that got no answer or one other than 2xx. */
    private static long failed(IngestLoad.Result result) {
        return result.answered() - result.succeeded() + result.failures();
    }

    private static String ratio(double value, double reference) {
        double ratio = value / reference;
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "" : f("%.2f", ratio);
    }
}

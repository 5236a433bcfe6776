package org.hospital.surveillance.app.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.awaitility.Awaitility;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.process.alert.AlertDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Replay throughput of a full rebuild ({@code POST /api/projections/all/rebuild}), against a plain
 * sequential read of the same events. Not a test: the name does not end in {@code Test}, so
 * {@code ./mvnw verify} leaves it out. Run it on purpose (see docs/benchmarks.md):
 * <pre>
 * ./mvnw -B -o -pl app -am test -Dtest=ReplayThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbenchmark.events=1000000 -Dbenchmark.store=h2      # or -Dbenchmark.store=postgres
 * </pre>
 * Options: {@code -Dbenchmark.alone=true} also rebuilds each projection alone through the API (its
 * own pace); {@code -Dbenchmark.replay=true} also times the old replay path (reset the live tracking
 * processors and let them replay: about half an hour per million events on the embedded default).
 * Steps, in one JVM and one run so the ratios compare like with like on a shared machine:
 * <ol>
 * <li>start the platform on empty stores and stop every processor (the alert detector stays
 * stopped: it sends commands and is never part of a rebuild);</li>
 * <li>append the generated history through Axon's storage engine in JDBC batches;</li>
 * <li>read it sequentially through the JDBC driver, deserializing payload and metadata with the
 * platform's Jackson mapper (the ceiling any replay reading the same rows could reach);</li>
 * <li>set the live projection processors to the head and start them, as on a platform that is
 * up to date, then {@code POST /api/projections/all/rebuild} and time it until every projection is
 * LIVE on the next generation ({@code GET /api/projections}), the way an epidemiologist sees it;</li>
 * <li>optionally each projection alone, and the old replay path; then the plain read once more.</li>
 * </ol>
 */
class ReplayThroughputBenchmark {



    private final int events = Integer.getInteger("benchmark.events", 1_000_000);
    private final String store = System.getProperty("benchmark.store", "h2");
    private final boolean alone = Boolean.parseBoolean(System.getProperty("benchmark.alone", "false"));
    private final boolean oldReplay = Boolean.parseBoolean(System.getProperty("benchmark.replay", "false"));
    private final boolean timeAsOf = Boolean.parseBoolean(System.getProperty("benchmark.asOf", "true"));
    private final List<String> report = new ArrayList<>();

    @Test
    @Timeout(value = 4, unit = TimeUnit.HOURS) // a million events, rebuilt and replayed several ways
    void replayThroughput() throws Exception {
        try (BenchmarkStore on = new BenchmarkStore("replay", store); Platform platform = on.start()) {
            line("Replay throughput benchmark, %s, %s", LocalDateTime.now().withNano(0), store);
            machine("before");
            platform.streamingProcessors().forEach(StreamingEventProcessor::shutDown);

            long started = System.nanoTime();
            GeneratedHistory history = new GeneratedHistory(events);
            for (int from = 0; from < events; from += 100_000) {
                history.appendTo(platform.bean(EventStorageEngine.class), from, Math.min(events, from + 100_000), 1000);
                System.out.printf(Locale.ROOT, "  appended %,d events after %.1f s%n", Math.min(events, from + 100_000),
                        seconds(started));
            }
            double generated = seconds(started);
            assertThat(platform.eventCount()).isEqualTo(events);
            line("generated %,d events in %.1f s (%,.0f events/s through Axon's storage engine)", events, generated,
                    events / generated);

            double read1 = plainRead(platform);
            HistoryTimings.liveAtHead(platform);
            machine("before the rebuild");
            HistoryTimings.Rebuilt all = rebuild(platform, "all");
            line("rebuild through POST /api/projections/all/rebuild: %.1f s, %,.0f events/s (pace the API last showed: %s)",
                    all.seconds(), events / all.seconds(), all.lastPace());
            Map<String, Double> each = new LinkedHashMap<>();
            if (alone) {
                for (String projection : HistoryTimings.PROJECTIONS) {
                    HistoryTimings.Rebuilt one = rebuild(platform, projection);
                    each.put(projection, one.seconds());
                }
                line("each projection rebuilt alone through the API: %s", rates(each));
            }
            Map<String, Double> replayed = Map.of();
            double replayAll = 0;
            if (oldReplay) {
                replayed = replay(platform, HistoryTimings.PROJECTIONS);
                replayAll = replayed.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                line("old replay path (live tracking processors reset, all four together): %.1f s, %,.0f events/s "
                        + "(each projection's own time: %s)", replayAll, events / replayAll, rates(replayed));
            }
            Map<String, Double> asOf = timeAsOf ? asOf(platform) : Map.of();
            line("asOf over the whole history: %s", seconds(asOf));
            double read2 = plainRead(platform);
            double plain = Math.min(read1, read2);
            line("RESULT events=%d store=%s plainRead=%.0f/s (cold %.0f/s, warm %.0f/s) rebuildAll=%.1fs=%.0f/s ratio=%.4f "
                    + "(against the cold read %.4f)", events, store, events / plain, events / read1, events / read2,
                    all.seconds(), events / all.seconds(), plain / all.seconds(), read1 / all.seconds());
            for (Map.Entry<String, Double> e : each.entrySet()) {
                line("RESULT alone %s=%.1fs=%.0f/s ratio=%.4f", e.getKey(), e.getValue(), events / e.getValue(),
                        plain / e.getValue());
            }
            asOf.forEach((query, s) -> line("RESULT asOf %s=%.2fs", query, s));
            if (oldReplay) {
                line("RESULT oldReplay=%.1fs=%.0f/s ratio=%.4f", replayAll, events / replayAll, plain / replayAll);
            }
            machine("after");
        } finally {
            Path out = Path.of("target", "benchmark-replay-" + store + ".txt");
            Files.createDirectories(out.getParent());
            Files.write(out, report, StandardCharsets.UTF_8);
        }
    }

    /**
     * Seconds each read endpoint takes to answer {@code asOf} an instant after the whole history
     * (every event counts), for one month of the generated ten years; each asked twice, the faster kept
     * (the first pays for a cold page cache and JIT).
     */
    private Map<String, Double> asOf(Platform platform) {
        String instant = java.time.Instant.now().toString();
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String query : List.of("/api/rates?month=2020-06", "/api/compliance?month=2020-06",
                "/api/sterilization-compliance?month=2020-06", "/api/alerts?type=CLUSTER")) {
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 2; i++) {
                long started = System.nanoTime();
                platform.as("epi1").get().uri(query + (query.contains("?") ? "&" : "?") + "asOf=" + instant).exchange()
                        .expectStatus().isOk().expectBody(String.class).returnResult();
                best = Math.min(best, seconds(started));
            }
            seconds.put(query, best);
        }
        return seconds;
    }

    private static String seconds(Map<String, Double> seconds) {
        List<String> parts = new ArrayList<>();
        seconds.forEach((query, s) -> parts.add(String.format(Locale.ROOT, "%s %.2f s", query, s)));
        return String.join("; ", parts);
    }

    /** Seconds of the plain read ({@link HistoryTimings#plainRead}), reported. */
    private double plainRead(Platform platform) throws Exception {
        double seconds = HistoryTimings.plainRead(platform, events);
        line("plain sequential read with Jackson: %.1f s, %,.0f events/s", seconds, events / seconds);
        return seconds;
    }

    /** Resets the processors, starts them together and returns each one's seconds to the head of the store. */
    private Map<String, Double> replay(Platform platform, List<String> groups) {
        long head = platform.bean(EventStore.class).createHeadToken().position().orElseThrow();
        Map<String, StreamingEventProcessor> processors = new LinkedHashMap<>();
        for (String group : groups) {
            StreamingEventProcessor processor = platform.streamingProcessor(group);
            processor.shutDown();
            processor.resetTokens();
            processors.put(group, processor);
        }
        long started = System.nanoTime();
        processors.values().forEach(StreamingEventProcessor::start);
        Map<String, Double> seconds = new LinkedHashMap<>();
        AtomicLong nextProgress = new AtomicLong(started + Duration.ofMinutes(1).toNanos());
        Awaitility.await("replay within three hours").atMost(Duration.ofHours(3)).pollInSameThread().pollInterval(HistoryTimings.POLL)
                .until(() -> {
                    if (System.nanoTime() > nextProgress.get()) {
                        nextProgress.addAndGet(Duration.ofMinutes(1).toNanos());
                        List<String> positions = new ArrayList<>();
                        processors.forEach((group, processor) -> positions.add(group + " " + processor.processingStatus()
                                .values().stream().mapToLong(s -> s.getCurrentPosition().orElse(-1L)).min().orElse(-1L)));
                        System.out.printf(Locale.ROOT, "  after %.0f s of %,d: %s%n", seconds(started), head, positions);
                    }
                    processors.forEach((group, processor) -> {
                        if (!seconds.containsKey(group) && HistoryTimings.atHead(processor, head)) {
                            seconds.put(group, seconds(started));
                        }
                    });
                    return seconds.size() == processors.size();
                });
        processors.values().forEach(StreamingEventProcessor::shutDown);
        assertThat(platform.streamingProcessor(AlertDetector.PROCESSING_GROUP).isRunning()).isFalse();
        return seconds;
    }

    /** {@link HistoryTimings#rebuild}, reported. */
    private HistoryTimings.Rebuilt rebuild(Platform platform, String name) {
        HistoryTimings.Rebuilt rebuilt = HistoryTimings.rebuild(platform, name, Duration.ofHours(3));
        line("  rebuild of %s: %.1f s from the request to the switch, %,.0f events/s", name, rebuilt.seconds(),
                events / rebuilt.seconds());
        return rebuilt;
    }

    private String rates(Map<String, Double> seconds) {
        List<String> parts = new ArrayList<>();
        seconds.forEach((group, s) -> parts.add(String.format(Locale.ROOT, "%s %.1f s = %,.0f events/s", group, s, events / s)));
        return String.join("; ", parts);
    }

    /** What the machine is and what else was running on it while this ran. */
    private void machine(String when) throws IOException, InterruptedException {
        line("--- machine %s: nproc %d, load %s", when, Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim());
        if (when.equals("before")) {
            Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .ifPresent(this::line);
            command("free", "-h");
        }
        command("sh", "-c", "ps -eo pcpu,etime,comm,args --sort=-pcpu | cut -c1-160 | head -8");
    }

    private void command(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        output.lines().forEach(this::line);
    }

    private void line(String format, Object... args) {
        String text = args.length == 0 ? format : String.format(Locale.ROOT, format, args);
        report.add(text);
        System.out.println(text);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}

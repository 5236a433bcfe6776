package org.hospital.surveillance.app.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.projection.alert.AlertBoardProjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How fast the live projection processors work through a backlog: the throughput that bounds their
 * lag under a sustained load. Not a test (the name does not end in {@code Test}); run it on purpose:
 * <pre>
 * ./mvnw -B -o -pl app -am test -Dtest=LiveCatchUpBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbenchmark.events=50000 -Dbenchmark.store=h2      # or -Dbenchmark.store=postgres
 * </pre>
 * {@code -Dbenchmark.properties=key=value,key=value} starts the platform with other settings (e.g.
 * {@code axon.eventhandling.processors.rates.initial-segment-count=1}, on fresh stores).
 * Steps: start the platform on empty stores and stop every processor (the alert detector stays
 * stopped: it sends commands); append the generated history through Axon's storage engine; start
 * the four live projection processors together and time each until it has handled every event.
 */
class LiveCatchUpBenchmark {

    /** Polling a processor's position is the measurement itself; 20 ms is well under 1 % of the times measured. */
    private static final Duration POLL = Duration.ofMillis(20);

    private static final List<String> PROJECTIONS = List.of("rates", "environment-compliance",
            "sterilization-compliance", AlertBoardProjection.PROCESSING_GROUP);

    private final int events = Integer.getInteger("benchmark.events", 50_000);
    private final String store = System.getProperty("benchmark.store", "h2");
    private final String[] properties = System.getProperty("benchmark.properties", "").isBlank() ? new String[0]
            : System.getProperty("benchmark.properties").split(",");

    @Test
    @Timeout(value = 1, unit = TimeUnit.HOURS)
    void liveCatchUp() throws Exception {
        try (Backlog backlog = Backlog.start("benchmark-live-" + store + ".txt", store, properties)) {
            Platform platform = backlog.platform;
            backlog.line("Live catch-up benchmark, %s, %s, %,d events, settings %s", LocalDateTime.now().withNano(0), store,
                    events, Arrays.toString(properties));
            backlog.line("machine before: nproc %d, load %s", Runtime.getRuntime().availableProcessors(),
                    Backlog.loadAverage());
            long head = backlog.appendBehindStoppedProcessors(new GeneratedHistory(events), 0, events);
            assertThat(platform.eventCount()).isEqualTo(events);

            Map<String, StreamingEventProcessor> processors = new LinkedHashMap<>();
            PROJECTIONS.forEach(group -> processors.put(group, platform.streamingProcessor(group)));
            long started = System.nanoTime();
            processors.values().forEach(StreamingEventProcessor::start);
            Map<String, Double> seconds = new LinkedHashMap<>();
            Map<String, Integer> segments = new LinkedHashMap<>();
            long[] nextProgress = {started + 30_000_000_000L};
            Awaitility.await("the projections catch up").atMost(Duration.ofMinutes(50)).pollInSameThread()
                    .pollInterval(POLL).until(() -> {
                        if (System.nanoTime() > nextProgress[0]) {
                            nextProgress[0] += 30_000_000_000L;
                            List<String> positions = new ArrayList<>();
                            processors.forEach((group, processor) -> positions.add(group + " " + Backlog.position(processor)));
                            System.out.printf(Locale.ROOT, "  after %.0f s of %,d: %s (load %s)%n",
                                    (System.nanoTime() - started) / 1e9, head, positions, Backlog.loadAverage());
                        }
                        processors.forEach((group, processor) -> {
                            if (!seconds.containsKey(group) && atHead(processor, head)) {
                                seconds.put(group, (System.nanoTime() - started) / 1e9);
                                segments.put(group, processor.processingStatus().size());
                            }
                        });
                        return seconds.size() == processors.size();
                    });
            processors.values().forEach(StreamingEventProcessor::shutDown);
            double all = seconds.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            List<String> each = new ArrayList<>();
            seconds.forEach((group, s) -> each.add(String.format(Locale.ROOT, "%s %.1f s (%,.0f events/s, %d segments)",
                    group, s, events / s, segments.get(group))));
            backlog.line("RESULT live catch-up store=%s events=%d all=%.1fs=%.0f events/s; %s", store, events, all,
                    events / all, String.join("; ", each));
            backlog.line("machine after: load %s", Backlog.loadAverage());
        }
    }

    /** Every segment claimed (their fractions add up to the whole) and each at the head. */
    private static boolean atHead(StreamingEventProcessor processor, long head) {
        var status = processor.processingStatus().values();
        return status.stream().mapToDouble(s -> 1.0 / (s.getSegment().getMask() + 1)).sum() > 0.999
                && status.stream().allMatch(s -> s.getCurrentPosition().orElse(-1L) >= head);
    }
}

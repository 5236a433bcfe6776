package org.hospital.surveillance.app.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

/**
 * Benchmark, not a test of the normal build (its name matches neither Surefire's nor Failsafe's
 * patterns): how long after the 201 of a cluster's third case the alert reaches a client of
 * GET /api/alerts/stream, on the packaged jar, once with each way of finding board changes.
 * Run it with
 * <pre>./mvnw -B -o -pl app -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=AlertLatencyBenchmark</pre>
 * It writes its report to {@code target/alert-latency.md} (and its output file); docs/benchmarks.md
 * keeps the numbers of a run.
 */
class AlertLatencyBenchmark {

    private static final HttpClient METRICS = HttpClient.newHttpClient();
    private static final int WARM_UP = 3;
    private static final int CLUSTERS = 20;
    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENTS =
            new ParameterizedTypeReference<>() {
            };

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES) // two packaged platforms started, 46 clusters raised and streamed
    void fromTheClusterRaisingCasesCreatedToTheStreamedAlert() throws Exception {
        StringBuilder report = new StringBuilder();
        report.append(machine());
        for (String wakeups : List.of("change-stream", "polling")) {
            report.append(measure(wakeups));
        }
        Path file = Paths.get("target", "alert-latency.md");
        Files.writeString(file, report, StandardCharsets.UTF_8);
        System.out.println(report);
    }

    private String measure(String wakeups) throws Exception {
        Path workDir = Files.createTempDirectory("alert-latency-");
        try (PackagedPlatform platform = PackagedPlatform.start(workDir, "alert-latency-" + wakeups,
                PackagedPlatform.environment("SURVEILLANCE_ALERTSTREAM_WAKEUPS", wakeups,
                        // every scrape samples the processors afresh, so a lag of 0 is never an older sample's
                        "SURVEILLANCE_METRICS_PROCESSOR_SAMPLE_MAX_AGE", "0s"))) {
            HospitalApi api = new HospitalApi(platform.baseUrl(), PackagedPlatform.PASSWORD);
            Map<String, Long> streamedAt = new ConcurrentHashMap<>();
            // Wall-clock times, to split the way at the alert event's own timestamp (its raisedAt).
            Map<String, Long> streamedAtMillis = new ConcurrentHashMap<>();
            Map<String, Instant> raisedAt = new ConcurrentHashMap<>();
            Disposable listening = WebClient.create(platform.baseUrl()).get().uri("/api/alerts/stream?type=CLUSTER")
                    .accept(MediaType.TEXT_EVENT_STREAM).header(HttpHeaders.AUTHORIZATION, api.authorization("nurse1"))
                    .retrieve().bodyToFlux(EVENTS)
                    .filter(event -> "alert".equals(event.event()))
                    .subscribe(event -> {
                        String ward = (String) event.data().get("wardId");
                        streamedAtMillis.putIfAbsent(ward, System.currentTimeMillis());
                        raisedAt.putIfAbsent(ward, Instant.parse((String) event.data().get("raisedAt")));
                        streamedAt.putIfAbsent(ward, System.nanoTime());
                    });
            List<Long> createdToStreamed = new ArrayList<>();
            List<Long> requestToCreated = new ArrayList<>();
            List<Long> createdToRaised = new ArrayList<>();
            List<Long> raisedToStreamed = new ArrayList<>();
            Instant day = Instant.parse("2026-03-10T10:00:00Z");
            try {
                for (int i = 0; i < WARM_UP + CLUSTERS; i++) {
                    String ward = "BENCH-" + wakeups + "-" + i;
                    for (int p = 1; p <= 2; p++) {
                        assertThat(api.mrsaCulture("L-B-" + wakeups + "-" + i + "-" + p, "P-B-" + i + "-" + p, ward,
                                day.minus(3 - p, ChronoUnit.DAYS).toString())).isEqualTo(201);
                    }
                    // Let the first two cases settle, so only the third one's way is measured.
                    awaitDetectorCaughtUp(platform.baseUrl());
                    long sent = System.nanoTime();
                    assertThat(api.mrsaCulture("L-B-" + wakeups + "-" + i + "-3", "P-B-" + i + "-3", ward, day.toString()))
                            .isEqualTo(201);
                    long created = System.nanoTime();
                    long createdMillis = System.currentTimeMillis();
                    Long streamed = Awaitility.await("the alert of " + ward).atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(1)).until(() -> streamedAt.get(ward), at -> at != null);
                    if (i >= WARM_UP) {
                        createdToStreamed.add((streamed - created) / 1_000_000);
                        requestToCreated.add((created - sent) / 1_000_000);
                        long raised = raisedAt.get(ward).toEpochMilli();
                        createdToRaised.add(raised - createdMillis);
                        raisedToStreamed.add(streamedAtMillis.get(ward) - raised);
                    }
                }
            } finally {
                listening.dispose();
            }
            return "\n### " + wakeups + " (`surveillance.alert-stream.wakeups=" + wakeups + "`)\n\n"
                    + "| measure | n | min | median | p90 | p99 | max | mean |\n|---|---|---|---|---|---|---|---|\n"
                    + row("201 of the third case -> SSE `alert` event (ms)", createdToStreamed)
                    + row("POST sent -> 201 (ms)", requestToCreated)
                    + row("of which 201 -> the alert event's timestamp (detector; ms, same clock)", createdToRaised)
                    + row("of which the alert event's timestamp -> SSE (commits, board, feed; ms)", raisedToStreamed);
        } finally {
            org.hospital.surveillance.app.support.TempDirs.delete(workDir);
        }
    }

    /** Until the alert detector has handled every stored event, as its lag on the metrics endpoint says. */
    private static void awaitDetectorCaughtUp(String baseUrl) {
        Awaitility.await("the alert detector caught up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> detectorLagEvents(baseUrl) == 0);
    }

    private static double detectorLagEvents(String baseUrl) throws IOException, InterruptedException {
        String metrics = METRICS.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines()
                .filter(line -> line.startsWith("surveillance_processor_lag_events{")
                        && line.contains("processor=\"alert-detection\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(-1);
    }

    private static String row(String what, List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0);
        return "| " + what + " | " + sorted.size() + " | " + sorted.get(0) + " | " + sorted.get(sorted.size() / 2)
                + " | " + sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1)
                + " | " + sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) + " | " + sorted.get(sorted.size() - 1)
                + " | " + Math.round(mean) + " |\n";
    }

    private static String machine() throws IOException, InterruptedException {
        String cpu = Files.readAllLines(Paths.get("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        Process free = new ProcessBuilder("free", "-h").redirectErrorStream(true).start();
        String memory = new String(free.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        free.waitFor();
        String load = Files.readString(Paths.get("/proc/loadavg")).trim();
        return "Run " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "; nproc " + Runtime.getRuntime().availableProcessors()
                + "; CPU " + cpu + "; load average at start " + load + "; Java " + System.getProperty("java.version")
                + "\n\n```\n" + memory + "\n```\n";
    }
}

package org.hospital.surveillance.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.TempDirs;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Sequential authenticated GETs per second for a {@code {bcrypt}} (cost 10, Spring's default)
 * user, with the cache of verified credentials off ({@code surveillance.login.cache-size=0}) and
 * on. Not a test: the name does not end in {@code Test}, so {@code ./mvnw verify} leaves it out.
 * <pre>
 * ./mvnw -B -q -pl app -am test -Dtest=LoginThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbenchmark.seconds=15
 * </pre>
 * One client, one kept-alive connection, {@code GET /api/board} (a small read that touches no
 * read model: what is measured is the request and its credential check).
 */
class LoginThroughputBenchmark {

    private static final String USER = "lis";
    private static final String PASSWORD = "Zr8vQ1x9LkTw3mHc7pYb2nFd";

    @Test
    void sequentialAuthenticatedRequestsPerSecondWithoutAndWithTheCache() throws Exception {
        Duration run = Duration.ofSeconds(Long.getLong("benchmark.seconds", 15));
        String stored = "{bcrypt}" + new BCryptPasswordEncoder(10).encode(PASSWORD);
        Result off = measure(stored, "0", run);
        Result on = measure(stored, "1000", run);
        System.out.printf(Locale.ROOT, "%nLogin throughput, %s, %d cores, load average %.1f at start%n",
                java.time.Instant.now(), Runtime.getRuntime().availableProcessors(), off.loadAverage());
        System.out.printf(Locale.ROOT, "| cache | requests | seconds | requests/s | mean ms | BCrypt checks in the run |%n");
        System.out.printf(Locale.ROOT, "|---|---|---|---|---|---|%n");
        for (Result r : new Result[] {off, on}) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.2f | %d |%n", r.cache(), r.requests(), r.seconds(),
                    r.requests() / r.seconds(), 1000 * r.seconds() / r.requests(), r.hashed());
        }
        System.out.printf(Locale.ROOT, "ratio on/off: %.1f%n%n", (on.requests() / on.seconds()) / (off.requests() / off.seconds()));
        assertThat(on.hashed()).as("with the cache, BCrypt ran in the warm-up only").isZero();
        assertThat(off.hashed()).as("without it, on every request").isEqualTo(off.requests());
    }

    private record Result(String cache, long requests, double seconds, long hashed, double loadAverage) {
    }

    private static Result measure(String stored, String cacheSize, Duration run) throws Exception {
        Path dir = Files.createTempDirectory("login-benchmark");
        try (Platform platform = Platform.start(dir,
                "surveillance.users[4].name=" + USER,
                "surveillance.users[4].password=" + stored,
                "surveillance.users[4].roles=NURSE",
                "surveillance.login.cache-size=" + cacheSize)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/api/board"))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(30)).GET().build();
            for (int i = 0; i < 20; i++) {
                assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            }
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            double hashedBefore = hashed(platform);
            long requests = 0;
            long start = System.nanoTime();
            long end = start + run.toNanos();
            while (System.nanoTime() < end) {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("GET /api/board: " + response.statusCode());
                }
                requests++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long hashed = Math.round(hashed(platform) - hashedBefore);
            return new Result("0".equals(cacheSize) ? "off" : "on", requests, seconds, hashed, load);
        } finally {
            TempDirs.delete(dir);
        }
    }

    private static double hashed(Platform platform) {
        return platform.bean(MeterRegistry.class).get(PasswordCheck.CHECKS_METRIC).tag("by", "password-encoder").counter().count();
    }
}

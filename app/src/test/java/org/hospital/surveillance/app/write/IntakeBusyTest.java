package org.hospital.surveillance.app.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hospital.surveillance.app.support.HospitalFacts;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.command.intake.IntakeWorkers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * A fact that finds every intake worker busy and the intake queue full is refused at once, over
 * real HTTP: a 503 problem with {@code Retry-After}, nothing appended, counted as rejected; the
 * metrics scrape still answers meanwhile (it does not queue behind the facts); the same fact sent
 * again once a worker is free is recorded.
 */
class IntakeBusyTest {

    @TempDir
    Path dataDir;

    @Test
    void aFactBeyondTheIntakeQueueIsA503WithRetryAfterAndNothingAppended() throws Exception {
        try (Platform platform = Platform.start(dataDir,
                "surveillance.intake.workers=1", "surveillance.intake.max-waiting=1", "surveillance.intake.retry-after=2s")) {
            IntakeWorkers workers = platform.bean(IntakeWorkers.class);
            long eventsBefore = platform.eventCount();
            double refusedBefore = unavailableLabResults(platform);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch running = new CountDownLatch(1);
            // The one worker held, and the one place in the queue taken.
            CompletableFuture<Boolean> held = workers.call(() -> {
                running.countDown();
                return release.await(2, TimeUnit.MINUTES);
            }).toFuture();
            assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Boolean> queued = workers.call(() -> true).toFuture();
            try {
                EntityExchangeResult<String> refused = labResult(platform);

                assertThat(refused.getStatus().value()).isEqualTo(503);
                assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isEqualTo("2");
                assertThat(HospitalFacts.json(refused.getResponseBody()).path("title").asText()).isEqualTo("Intake busy");
                assertThat(platform.eventCount()).isEqualTo(eventsBefore);
                // The scrape answered while the intake was full, and counted the refusal.
                assertThat(unavailableLabResults(platform)).isEqualTo(refusedBefore + 1);
            } finally {
                release.countDown();
            }
            assertThat(held.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(queued.get(30, TimeUnit.SECONDS)).isTrue();

            EntityExchangeResult<String> recorded = labResult(platform);

            assertThat(recorded.getStatus().value()).isEqualTo(201);
            assertThat(platform.eventCount()).isEqualTo(eventsBefore + 1);
        }
    }

    private static EntityExchangeResult<String> labResult(Platform platform) {
        return platform.as("lab1").post().uri("/api/lab-results").bodyValue(Map.of("accessionNumber", "L-BUSY-1",
                        "patientId", "P-BUSY-1", "wardId", "ICU-1", "admittedAt", "2026-02-15T08:00:00Z",
                        "specimenType", "BLOOD", "collectedAt", "2026-03-05T10:00:00Z", "result", "NEGATIVE"))
                .exchange().expectBody(String.class).returnResult();
    }

    /** {@code surveillance_facts_rejected_total{stream="lab-result",reason="unavailable"}} from a real scrape. */
    private static double unavailableLabResults(Platform platform) {
        String scrape = platform.anonymous().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return scrape.lines()
                .filter(line -> line.startsWith("surveillance_facts_rejected_total{")
                        && line.contains("reason=\"unavailable\"") && line.contains("stream=\"lab-result\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow();
    }
}

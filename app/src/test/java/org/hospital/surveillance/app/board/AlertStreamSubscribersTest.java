package org.hospital.surveillance.app.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.hospital.surveillance.app.support.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

/**
 * The ops gauge of open alert streams ({@code surveillance_sse_subscribers}) counts the real
 * GET /api/alerts/stream of the running platform: up while a client listens, down when it hangs
 * up; a stream refused (bad Last-Event-ID) does not stay counted. One user's streams are bounded
 * (here 2): one more is a 429 problem, another user is not affected.
 */
@Timeout(180)
class AlertStreamSubscribersTest {

    @TempDir
    static Path dataDir;
    static Platform platform;
    static HospitalApi api;

    @BeforeAll
    static void start() {
        platform = Platform.start(dataDir, "surveillance.alert-stream.max-streams-per-user=2");
        api = new HospitalApi(platform.baseUrl(), Platform.PASSWORD);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void theGaugeFollowsTheOpenAlertStreams() {
        assertThat(subscribers()).isZero();
        try (SseClient first = connect(); SseClient second = connect()) {
            first.awaitReceived("the first stream opens", events -> !events.isEmpty());
            second.awaitReceived("the second stream opens", events -> !events.isEmpty());
            assertThat(subscribers()).isEqualTo(2);
            first.close();
            awaitSubscribers(1);
        }
        awaitSubscribers(0);
        try (SseClient refused = SseClient.connect(platform.baseUrl(), api.authorization("nurse1"), "?type=nonsense", null)) {
            Awaitility.await("the refused stream ends").atMost(Duration.ofSeconds(20)).until(() -> subscribers() == 0);
            assertThat(refused.received()).isEmpty();
        }
        awaitSubscribers(0);
    }

    @Test
    void oneUserMayHoldOnlySoManyStreamsAndAClosedOneFreesItsPlace() {
        try (SseClient first = connect(); SseClient second = connect()) {
            first.awaitReceived("the first stream opens", events -> !events.isEmpty());
            second.awaitReceived("the second stream opens", events -> !events.isEmpty());
            platform.as("nurse1").get().uri("/api/alerts/stream").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                    .expectStatus().isEqualTo(429)
                    .expectHeader().valueEquals("Retry-After", "30")
                    // Asked for text/event-stream, the problem comes as one event: a browser's EventSource only sees the status.
                    .expectBody(String.class).value(body -> assertThat(body)
                            .contains("\"status\":429", "as many alert streams open as one user may").doesNotContain("nurse1"));
            try (SseClient epidemiologist = SseClient.connect(platform.baseUrl(), api.authorization("epi1"), "", null)) {
                epidemiologist.awaitReceived("another user's stream opens", events -> !events.isEmpty());
            }
            first.close();
            try (SseClient again = connect()) {
                again.awaitReceived("the place the first stream held is free", events -> !events.isEmpty());
            }
        }
        awaitSubscribers(0);
    }

    private static SseClient connect() {
        return SseClient.connect(platform.baseUrl(), api.authorization("nurse1"), "", null);
    }

    private static void awaitSubscribers(int expected) {
        Awaitility.await("subscribers " + expected).atMost(Duration.ofSeconds(20)).until(() -> subscribers() == expected);
    }

    private static double subscribers() {
        return platform.bean(MeterRegistry.class).get("surveillance.sse.subscribers").gauge().value();
    }
}

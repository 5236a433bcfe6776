package org.hospital.surveillance.app.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.SharedPlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ops gauge of open alert streams ({@code surveillance_sse_subscribers}) counts the real
 * GET /api/alerts/stream of the running platform: up while a client listens, down when it hangs
 * up; a stream refused (bad Last-Event-ID) does not stay counted.
 */
@ExtendWith(SharedPlatform.class)
class AlertStreamSubscribersTest {

    static Platform platform;
    static HospitalApi api;

    @BeforeAll
    static void start(SharedPlatform shared) {
        platform = shared.get();
        api = new HospitalApi(platform.baseUrl(), Platform.PASSWORD);
    }

    @Test
    void theGaugeFollowsTheOpenAlertStreams() {
        awaitSubscribers(0); // the streams of classes that ran before on the shared platform end asynchronously
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

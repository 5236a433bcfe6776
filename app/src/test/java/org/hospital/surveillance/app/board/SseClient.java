package org.hospital.surveillance.app.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

/** A plain HTTP client of GET /api/alerts/stream (Spring's WebClient reading server-sent events), recording what it receives. */
final class SseClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENTS = new ParameterizedTypeReference<>() {
    };

    private final List<ServerSentEvent<String>> received = new CopyOnWriteArrayList<>();
    private volatile Throwable failure;
    private volatile boolean ended;
    private final Disposable subscription;

    private SseClient(WebClient.RequestHeadersSpec<?> request) {
        subscription = request.retrieve().bodyToFlux(EVENTS)
                .subscribe(received::add, error -> failure = error, () -> ended = true);
    }

    /**
     * Connects as {@code authorization} (an Authorization header value), with the stream's query
     * ({@code ""} or {@code "?wardId=..."}) and, when not null, a {@code Last-Event-ID} header.
     */
    static SseClient connect(String baseUrl, String authorization, String query, String lastEventId) {
        WebClient.RequestHeadersSpec<?> request = WebClient.create(baseUrl).get().uri("/api/alerts/stream" + query)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .headers(h -> {
                    if (lastEventId != null) {
                        h.set("Last-Event-ID", lastEventId);
                    }
                });
        return new SseClient(request);
    }

    List<ServerSentEvent<String>> received() {
        return List.copyOf(received);
    }

    /** The {@code alert} events so far. */
    List<ServerSentEvent<String>> alerts() {
        return received.stream().filter(e -> "alert".equals(e.event())).toList();
    }

    /** Waits until the alert events received satisfy the condition, and answers them. */
    List<ServerSentEvent<String>> awaitAlerts(String what, Predicate<List<ServerSentEvent<String>>> condition) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .failFast("the stream failed or ended", () -> failure != null || ended)
                .until(this::alerts, condition);
    }

    /** Waits until the received events (alerts, heartbeats, the opening id) satisfy the condition. */
    List<ServerSentEvent<String>> awaitReceived(String what, Predicate<List<ServerSentEvent<String>>> condition) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .failFast("the stream failed or ended", () -> failure != null || ended)
                .until(this::received, condition);
    }

    static JsonNode json(ServerSentEvent<String> event) {
        try {
            return JSON.readTree(event.data());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String alertId(ServerSentEvent<String> event) {
        return json(event).path("alertId").asText();
    }

    static long id(ServerSentEvent<String> event) {
        return Long.parseLong(event.id());
    }

    @Override
    public void close() {
        subscription.dispose();
    }
}

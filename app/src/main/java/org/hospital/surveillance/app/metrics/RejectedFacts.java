package org.hospital.surveillance.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@code surveillance_facts_rejected_total{stream, reason}}: write requests (docs/write-api.md) answered with
 * an error, by the stream they wrote to and why. It runs before Spring Security, so a missing or
 * wrong password (401) and a role that may not write the stream (403) count as well as an invalid
 * fact (400), an alert action on a closed alert (409) or on an unknown one (404).
 *
 * <p>Reasons are a fixed set: {@code validation} (400, 413, 415, 422), {@code unauthorized},
 * {@code forbidden}, {@code not_found}, {@code conflict}, {@code other} (any other 4xx),
 * {@code unavailable} (503: a store out of reach or the intake full, to be retried) and
 * {@code error} (any other 5xx). The path's identifiers never become tags.
 */
final class RejectedFacts implements WebFilter, Ordered {

    static final String METRIC = "surveillance.facts.rejected";
    static final List<String> REASONS =
            List.of("validation", "unauthorized", "forbidden", "not_found", "conflict", "other", "unavailable", "error");

    /** Before Spring Security's filter chain (order -100), so its 401 and 403 are seen. */
    static final int ORDER = -200;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    RejectedFacts(MeterRegistry registry) {
        this.registry = registry;
        // Every series exists at zero from the start: a rate() or an alert sees the first rejection.
        for (String stream : FactStreams.ALL) {
            for (String reason : REASONS) {
                counter(stream, reason);
            }
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String stream = FactStreams.ofWrite(exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().pathWithinApplication());
        if (stream == null) {
            return chain.filter(exchange);
        }
        // Counted as the response is committed, with its final status: before the client can see
        // it, and whoever wrote it (a controller, the problem handler, Spring Security, or the
        // last-resort error handler for an exception nothing else handled).
        exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(
                () -> record(stream, exchange.getResponse().getStatusCode())));
        return chain.filter(exchange);
    }

    private void record(String stream, HttpStatusCode status) {
        String reason = reason(status);
        if (reason != null) {
            counter(stream, reason).increment();
        }
    }

    /** The rejection reason of a response status, or {@code null} when the fact was accepted. */
    static String reason(HttpStatusCode status) {
        if (status == null || !status.isError()) {
            return null;
        }
        return switch (status.value()) {
            case 400, 413, 415, 422 -> "validation";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 409 -> "conflict";
            case 503 -> "unavailable";
            default -> status.is5xxServerError() ? "error" : "other";
        };
    }

    private Counter counter(String stream, String reason) {
        return counters.computeIfAbsent(stream + '|' + reason, key -> Counter.builder(METRIC)
                .description("Write requests rejected, by stream and reason")
                .tag("stream", stream)
                .tag("reason", reason)
                .register(registry));
    }
}

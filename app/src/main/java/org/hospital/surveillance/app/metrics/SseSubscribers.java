package org.hospital.surveillance.app.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code surveillance_sse_subscribers}: alert streams ({@code GET /api/alerts/stream}) open on this
 * instance right now. Counted here, around the exchange, rather than in the stream's controller:
 * the controller lives in the query-side module, which cannot see the app's metrics, and an
 * exchange ends exactly when the subscriber goes (completion, error, or the client hanging up,
 * which cancels the response). It runs after Spring Security, so only admitted subscribers count.
 * Code that serves another server-sent-event stream can count it with {@link #track(Flux)}.
 */
public final class SseSubscribers implements WebFilter, Ordered {

    static final String METRIC = "surveillance.sse.subscribers";
    private static final PathPattern ALERT_STREAM = new PathPatternParser().parse("/api/alerts/stream");

    private final AtomicInteger open = new AtomicInteger();

    SseSubscribers(MeterRegistry registry) {
        Gauge.builder(METRIC, open, AtomicInteger::get)
                .description("Server-sent-event subscribers (alert streams) connected to this instance")
                .register(registry);
    }

    /** After Spring Security's filter chain (order -100): a rejected request never counts. */
    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!isAlertStream(exchange.getRequest().getMethod(), exchange.getRequest().getPath().pathWithinApplication())) {
            return chain.filter(exchange);
        }
        return Mono.defer(() -> {
            open.incrementAndGet();
            return chain.filter(exchange).doFinally(signal -> open.decrementAndGet());
        });
    }

    /** Counts the subscribers of {@code events} while each is subscribed. */
    public <T> Flux<T> track(Flux<T> events) {
        return Flux.defer(() -> {
            open.incrementAndGet();
            return events.doFinally(signal -> open.decrementAndGet());
        });
    }

    public int current() {
        return open.get();
    }

    static boolean isAlertStream(HttpMethod method, PathContainer path) {
        return HttpMethod.GET.equals(method) && ALERT_STREAM.matches(path);
    }
}

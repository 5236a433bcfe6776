package org.hospital.surveillance.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The subscriber gauge around a real server-sent-event stream over loopback HTTP (Reactor Netty,
 * as in the app): it counts a subscriber while the stream is open and forgets it when the client
 * hangs up. The app's alert stream itself is not built yet; this serves a stand-in on the same
 * path, through the same filter.
 */
class SseSubscribersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SseSubscribers subscribers = new SseSubscribers(registry);
    private final LoopResources loops = LoopResources.create("sse-test", 1, true);
    private final Scheduler ticks = Schedulers.newSingle("sse-ticks");
    private DisposableServer server;
    private WebClient client;

    @BeforeEach
    void serveAStreamOnTheAlertPath() {
        HttpHandler handler = WebHttpHandlerBuilder
                .webHandler(RouterFunctions.toWebHandler(RouterFunctions.route()
                        .GET("/api/alerts/stream", request -> ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                                // A live stream drops ticks a slow connection cannot take (an interval would fail).
                                .body(Flux.interval(Duration.ofMillis(50), ticks).onBackpressureDrop().map(i -> ServerSentEvent.builder("tick " + i)
                                        .event("alert").build()), ServerSentEvent.class))
                        .GET("/api/alerts", request -> ServerResponse.ok().bodyValue("[]"))
                        .build()))
                .filter(subscribers)
                .build();
        // Own event loops, connections and clock: nothing another test did to Reactor's shared
        // resources (a Spring context closing disposes them) can stall these streams.
        server = HttpServer.create().runOn(loops).host("127.0.0.1").port(0)
                .handle(new ReactorHttpHandlerAdapter(handler)).bindNow();
        client = WebClient.builder().baseUrl("http://127.0.0.1:" + server.port())
                .clientConnector(new ReactorClientHttpConnector(
                        HttpClient.create(ConnectionProvider.newConnection()).runOn(loops)))
                .build();
    }

    @AfterEach
    void stop() {
        server.disposeNow();
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
        ticks.dispose();
    }

    @Test
    void countsOpenStreamsAndForgetsThoseWhoseClientHungUp() {
        assertThat(gauge()).isZero();
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        Disposable one = subscribe(first);
        Disposable two = subscribe(second);
        Awaitility.await("both streams deliver").atMost(Duration.ofSeconds(30))
                .until(() -> !first.isEmpty() && !second.isEmpty());
        assertThat(gauge()).isEqualTo(2);

        one.dispose();
        Awaitility.await("the hung-up subscriber is forgotten").atMost(Duration.ofSeconds(30)).until(() -> gauge() == 1);
        int delivered = second.size();
        Awaitility.await("the other stream goes on").atMost(Duration.ofSeconds(30)).until(() -> second.size() > delivered);
        assertThat(gauge()).isEqualTo(1);

        two.dispose();
        Awaitility.await("no subscriber left").atMost(Duration.ofSeconds(30)).until(() -> gauge() == 0);
    }

    @Test
    void otherRequestsAreNoSubscribers() {
        assertThat(client.get().uri("/api/alerts").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10))).isEqualTo("[]");
        assertThat(gauge()).isZero();
        assertThat(SseSubscribers.isAlertStream(org.springframework.http.HttpMethod.POST,
                org.springframework.http.server.PathContainer.parsePath("/api/alerts/stream"))).isFalse();
    }

    @Test
    void trackCountsAnyStreamWhileSubscribed() {
        Flux<Long> tracked = subscribers.track(Flux.interval(Duration.ofMillis(20), ticks));
        Disposable subscription = tracked.subscribe();
        assertThat(gauge()).isEqualTo(1);
        subscription.dispose();
        assertThat(gauge()).isZero();
    }

    private Disposable subscribe(List<String> received) {
        return client.get().uri("/api/alerts/stream").accept(MediaType.TEXT_EVENT_STREAM).retrieve()
                .bodyToFlux(String.class).subscribe(received::add);
    }

    private double gauge() {
        return registry.get("surveillance.sse.subscribers").gauge().value();
    }
}

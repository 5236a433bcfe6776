package org.hospital.surveillance.app.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.awaitility.Awaitility;
import org.hospital.surveillance.app.SurveillanceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The real platform, started in this JVM exactly as {@code java -jar} starts it (same main class,
 * same configuration), on a random port against the given data directory, reached over real HTTP.
 * Users: {@code admin}, {@code lab1}, {@code nurse1}, {@code epi1}, all with password
 * {@code secret}, roles ADMIN, LAB, NURSE, EPIDEMIOLOGIST.
 */
public final class Platform implements AutoCloseable {

    public static final String PASSWORD = "secret";
    private static final Map<String, String> USERS = Map.of(
            "admin", "ADMIN", "lab1", "LAB", "nurse1", "NURSE", "epi1", "EPIDEMIOLOGIST");

    private final ConfigurableApplicationContext context;
    private final int port;

    private Platform(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Integer.parseInt(Objects.requireNonNull(context.getEnvironment().getProperty("local.server.port")));
    }

    /** On the embedded default (H2 file event store, embedded Mongo server) under {@code dataDir}. */
    public static Platform start(Path dataDir, String... extraProperties) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("surveillance.data-dir", dataDir.toString());
        int i = 0;
        for (Map.Entry<String, String> user : new java.util.TreeMap<>(USERS).entrySet()) {
            properties.put("surveillance.users[" + i + "].name", user.getKey());
            properties.put("surveillance.users[" + i + "].password", "{noop}" + PASSWORD);
            properties.put("surveillance.users[" + i + "].roles", user.getValue());
            i++;
        }
        for (String property : extraProperties) {
            int eq = property.indexOf('=');
            properties.put(property.substring(0, eq), property.substring(eq + 1));
        }
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new Platform(new SpringApplicationBuilder(SurveillanceApplication.class)
                .initializers(Platform::ownEventLoops)
                .run(args.toArray(String[]::new)));
    }

    /**
     * Boot's Reactor Netty resources are JVM-wide by default, and closing a context disposes them:
     * a platform stopped in this JVM would stop the event loops of every other one still running
     * (the shared platform, or a second instance). In production each JVM runs one platform; here
     * each gets event loops of its own, which its own close disposes.
     */
    private static void ownEventLoops(ConfigurableApplicationContext context) {
        ((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class, () -> {
            ReactorResourceFactory resources = new ReactorResourceFactory();
            resources.setUseGlobalResources(false);
            return resources;
        });
    }

    /** With the event store in the given PostgreSQL database instead of H2. */
    public static Platform startOnPostgres(Path dataDir, PostgresDatabase database, String... extraProperties) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.datasource.url=" + database.url(),
                "spring.datasource.username=" + PostgresDatabase.USER,
                "spring.datasource.password="));
        properties.addAll(List.of(extraProperties));
        return start(dataDir, properties.toArray(String[]::new));
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** A client authenticated as one of the test users. */
    public WebTestClient as(String user) {
        return anonymous().mutate().defaultHeaders(h -> h.setBasicAuth(user, PASSWORD)).build();
    }

    public WebTestClient anonymous() {
        return WebTestClient.bindToServer().baseUrl(baseUrl()).responseTimeout(Duration.ofSeconds(30)).build();
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Events in the store, counted in the database itself. */
    public long eventCount() {
        Long count = new JdbcTemplate(bean(DataSource.class)).queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
        return count == null ? 0 : count;
    }

    /** Waits until every streaming processor has handled every event appended so far. */
    public void awaitProjectionsCaughtUp() {
        TrackingToken head = bean(EventStore.class).createHeadToken();
        Awaitility.await("projections catch up with the event store")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> streamingProcessors().stream().allMatch(p -> caughtUp(p, head)));
    }

    private static boolean caughtUp(StreamingEventProcessor processor, TrackingToken head) {
        if (head == null) {
            return true;
        }
        // No claimed segment yet means the processor has not started reading: not caught up.
        return !processor.processingStatus().isEmpty() && processor.processingStatus().values().stream().allMatch(status -> {
            TrackingToken token = status.getTrackingToken();
            // A replayed processor keeps a ReplayToken until the next new event; what counts is its position.
            return token != null && token.covers(head);
        });
    }

    /**
     * Waits until every processor has handled every event, including the alert events the detector
     * appended while handling the facts (they commit with its token, so a second round covers them).
     */
    public void awaitQuiet() {
        awaitProcessorsAtHead();
        awaitProcessorsAtHead();
    }

    /**
     * Like {@link #awaitProjectionsCaughtUp()} but by position only: after a replay Axon keeps a
     * processor's token a ReplayToken until the next event arrives, so "not replaying" would never
     * hold in a test that appends nothing after the replay.
     */
    private void awaitProcessorsAtHead() {
        long head = positionOf(bean(EventStore.class).createHeadToken());
        Awaitility.await("processors reach position " + head).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> streamingProcessors().stream().allMatch(p -> !p.processingStatus().isEmpty()
                        && p.processingStatus().values().stream()
                        .allMatch(status -> status.getCurrentPosition().orElse(-1L) >= head)));
    }

    private static long positionOf(TrackingToken token) {
        return token == null ? -1L : token.position().orElse(-1L);
    }

    /** Rebuilds one processor's read model from the start of the history, the way an operator would. */
    public void replay(String processingGroup) {
        StreamingEventProcessor processor = streamingProcessor(processingGroup);
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }

    /**
     * Hands the whole history to a processor again as if it had never seen it: what a crash
     * between its writes and its token's commit does to a batch, for every event at once. Unlike
     * a replay the events are not marked as replayed, so even the alert detector, which refuses
     * replays, handles them.
     */
    public void redeliverEverything(String processingGroup) {
        StreamingEventProcessor processor = streamingProcessor(processingGroup);
        processor.shutDown();
        TokenStore tokens = bean(TokenStore.class);
        bean(TransactionManager.class).executeInTransaction(() -> tokens.storeToken(null, processingGroup, 0));
        processor.start();
    }

    public StreamingEventProcessor streamingProcessor(String processingGroup) {
        return bean(EventProcessingConfiguration.class)
                .eventProcessor(processingGroup, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalArgumentException("No streaming processor " + processingGroup));
    }

    public List<StreamingEventProcessor> streamingProcessors() {
        List<StreamingEventProcessor> processors = new ArrayList<>();
        for (EventProcessor p : bean(EventProcessingConfiguration.class).eventProcessors().values()) {
            if (p instanceof StreamingEventProcessor streaming) {
                processors.add(streaming);
            }
        }
        return processors;
    }

    @Override
    public void close() {
        context.close();
    }
}

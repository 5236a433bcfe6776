package org.hospital.surveillance.query.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.http.HttpHeaders;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;

/**
 * The alert stream's bounds, on the controller itself with the feed polling a mongo-java-server
 * over TCP: streams per user and per instance, and a subscriber that stops reading is dropped
 * once {@code maxBehind} changes wait for it, while one that reads gets every change.
 */
@Timeout(60)
class AlertStreamControllerTest {

    private static final Duration QUIET = Duration.ofHours(1);
    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> board;
    private final List<Disposable> subscriptions = new ArrayList<>();

    @BeforeEach
    void startMongo() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        board = client.getDatabase("surveillance").getCollection("alert_board");
    }

    @AfterEach
    void stop() {
        subscriptions.forEach(Disposable::dispose);
        client.close();
        server.shutdownNow();
    }

    @Test
    void streamsAreBoundedPerUserAndPerInstanceAndAClosedOneFreesItsPlace() {
        AlertStreamController controller = controller(2, 3, 1000);
        Disposable first = open(controller, "nurse1");
        open(controller, "nurse1");
        AlertStreamController.TooManyStreams third = catchRefusal(controller, "nurse1");
        assertThat(third.getStatusCode().value()).isEqualTo(429);
        assertThat(third.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("30");
        assertThat(third.getReason()).contains("as many alert streams open as one user may").doesNotContain("nurse1");

        open(controller, "nurse2");
        assertThat(controller.openStreams()).isEqualTo(3);
        assertThat(catchRefusal(controller, "epi1").getReason()).contains("This instance serves as many");

        first.dispose();
        assertThat(controller.openStreams()).isEqualTo(2);
        open(controller, "nurse1");
        assertThat(controller.openStreams()).isEqualTo(3);
    }

    @Test
    void aRefusedBadLastEventIdTakesNoPlace() {
        AlertStreamController controller = controller(1, 1, 1000);
        assertThatThrownBy(() -> controller.stream(null, null, "not-a-number", null, user("nurse1")))
                .hasMessageContaining("Last-Event-ID");
        assertThat(controller.openStreams()).isZero();
        open(controller, "nurse1");
    }

    @Test
    void aSubscriberThatStopsReadingIsDroppedAndAReadingOneGetsEverything() {
        AlertStreamController controller = controller(10, 10, 5);
        List<ServerSentEvent<AlertView>> reader = new CopyOnWriteArrayList<>();
        subscriptions.add(controller.stream(null, null, null, null, user("nurse1")).subscribe(reader::add));
        Stalled stalled = new Stalled();
        controller.stream(null, null, null, null, user("nurse2")).subscribe(stalled);
        subscriptions.add(stalled);
        Awaitility.await("both streams opened").atMost(Duration.ofSeconds(20))
                .until(() -> !reader.isEmpty() && stalled.received.size() == 1);

        // Far more than the subscriber's own buffer (5) plus what the operators in between prefetch.
        int changes = 200;
        for (int position = 1; position <= changes; position++) {
            Mono.from(board.insertOne(new Document("alertId", "ENV-" + position).append("type", "ENVIRONMENT")
                    .append("wardId", "ICU-1").append("status", "OPEN").append(AlertFeed.POSITION, (long) position))).block();
        }

        Awaitility.await("the stalled subscriber is dropped").atMost(Duration.ofSeconds(30))
                .until(() -> stalled.failure.get() != null);
        assertThat(stalled.failure.get()).isInstanceOf(AlertStreamController.SlowSubscriber.class);
        assertThat(stalled.received).as("only the opening id, it never asked for more").hasSize(1);
        assertThat(controller.openStreams()).as("its place is free again").isEqualTo(1);
        Awaitility.await("the reading subscriber gets every change").atMost(Duration.ofSeconds(30))
                .until(() -> reader.stream().filter(e -> AlertStreamController.EVENT.equals(e.event())).count() == changes);
    }

    private AlertStreamController controller(int perUser, int total, int maxBehind) {
        AlertFeed feed = new AlertFeed(board, AlertFeed.Wakeups.POLLING, Duration.ofMillis(50), QUIET);
        return new AlertStreamController(feed, new AlertStreamSettings(QUIET, Duration.ofSeconds(2),
                AlertFeed.Wakeups.POLLING, Duration.ofMillis(50), QUIET, perUser, total, maxBehind));
    }

    private Disposable open(AlertStreamController controller, String user) {
        Disposable subscription = controller.stream(null, null, null, null, user(user)).subscribe();
        subscriptions.add(subscription);
        return subscription;
    }

    private static AlertStreamController.TooManyStreams catchRefusal(AlertStreamController controller, String user) {
        AtomicReference<AlertStreamController.TooManyStreams> refused = new AtomicReference<>();
        try {
            controller.stream(null, null, null, null, user(user));
        } catch (AlertStreamController.TooManyStreams e) {
            refused.set(e);
        }
        assertThat(refused.get()).as(user + " refused").isNotNull();
        return refused.get();
    }

    private static Principal user(String name) {
        return () -> name;
    }

    /** Asks for the opening event and then nothing more, like a client whose socket is never read. */
    private static final class Stalled extends BaseSubscriber<ServerSentEvent<AlertView>> {
        final List<ServerSentEvent<AlertView>> received = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        @Override
        protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
            subscription.request(1);
        }

        @Override
        protected void hookOnNext(ServerSentEvent<AlertView> event) {
            received.add(event);
        }

        @Override
        protected void hookOnError(Throwable error) {
            failure.set(error);
        }
    }
}

package org.hospital.surveillance.query.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoCommandException;
import com.mongodb.ServerAddress;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.reactivestreams.client.ChangeStreamPublisher;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * How the feed finds board changes, against a mongo-java-server over TCP: woken by a change stream
 * (the server with its oplog, as the app runs it), by polling, and falling back to polling where
 * change streams are missing (a MongoDB that is not a replica set). The intervals that are not
 * under test are a minute, so a change delivered within seconds was found by the mode under test.
 */
class AlertFeedTest {

    private static final Duration NEVER = Duration.ofMinutes(1);
    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> board;
    private Disposable listening;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    private void startMongo(boolean oplog) {
        server = new MongoServer(new MemoryBackend());
        if (oplog) {
            server.enableOplog();
        }
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        board = client.getDatabase("surveillance").getCollection("alert_board");
    }

    @AfterEach
    void stop() {
        if (listening != null) {
            listening.dispose();
        }
        client.close();
        server.shutdownNow();
    }

    @Test
    void aChangeStreamWakesTheFeedForEachChangeInOrder() {
        startMongo(true);
        write("ENV-E-0", 1);
        AlertFeed feed = new AlertFeed(board, AlertFeed.Wakeups.CHANGE_STREAM, NEVER, NEVER);
        assertThat(feed.currentPosition().block()).isEqualTo(1);

        long position = listen(feed, 1);
        write("CLU-A", position + 1);
        // CLU-A changes again below: a read after both changes finds only its second, as the board then holds it.
        awaitSeen(seen, List.of("CLU-A@" + (position + 1)));
        write("ENV-E-1", position + 2);
        write("CLU-A", position + 3);
        awaitSeen(seen, List.of("CLU-A@" + (position + 1), "ENV-E-1@" + (position + 2), "CLU-A@" + (position + 3)));
        assertThat(feed.wakeups()).isEqualTo(AlertFeed.Wakeups.CHANGE_STREAM);
    }

    @Test
    void pollingFindsTheChangesToo() {
        startMongo(true);
        AlertFeed feed = new AlertFeed(board, AlertFeed.Wakeups.POLLING, Duration.ofMillis(100), NEVER);
        assertThat(feed.currentPosition().block()).as("an empty board").isZero();
        long position = listen(feed, 0);
        write("STER-S1-1", position + 1);
        write("STER-S1-2", position + 2);
        awaitSeen(seen, List.of("STER-S1-1@" + (position + 1), "STER-S1-2@" + (position + 2)));
    }

    @Test
    void withoutChangeStreamsTheFeedFallsBackToPolling() {
        startMongo(false);
        AlertFeed feed = new AlertFeed(board, AlertFeed.Wakeups.CHANGE_STREAM, Duration.ofMillis(100), NEVER);
        long position = listen(feed, 0);
        write("CLU-B", position + 1);
        awaitSeen(seen, List.of("CLU-B@" + (position + 1)));
        assertThat(feed.wakeups()).isEqualTo(AlertFeed.Wakeups.POLLING);
    }

    /**
     * A change stream told that the capped oplog lost entries it had still to read (MongoDB's
     * ChangeStreamHistoryLost, 286) may have missed a change: the feed reads the board at once and
     * stays on change streams. Polls are a minute away, so only that read can find the change.
     */
    @Test
    void aChangeStreamWhoseHistoryWasLostMakesTheFeedRead() {
        startMongo(true);
        Sinks.Many<ChangeStreamDocument<Document>> firstStream = Sinks.many().multicast().onBackpressureBuffer();
        AtomicInteger opened = new AtomicInteger();
        MongoCollection<Document> watched = withWatch(board, () -> opened.getAndIncrement() == 0
                ? firstStream.asFlux() : Flux.from(board.watch()));
        AlertFeed feed = new AlertFeed(watched, AlertFeed.Wakeups.CHANGE_STREAM, NEVER, NEVER);
        listening = feed.changes().map(AlertFeedTest::label).subscribe(seen::add);
        Awaitility.await("the first change stream is open").atMost(Duration.ofSeconds(10))
                .until(() -> firstStream.currentSubscriberCount() > 0);

        write("CLU-LOST", 1);
        firstStream.tryEmitError(new MongoCommandException(new BsonDocument("ok", new BsonInt32(0))
                .append("code", new BsonInt32(286)).append("codeName", new BsonString("ChangeStreamHistoryLost"))
                .append("errmsg", new BsonString("the resume point is no longer in the oplog")), new ServerAddress()));

        awaitSeen(seen, List.of("CLU-LOST@1"));
        assertThat(feed.wakeups()).isEqualTo(AlertFeed.Wakeups.CHANGE_STREAM);
    }

    /** The collection, with {@code watch()} answered by the given streams. */
    @SuppressWarnings("unchecked")
    private static MongoCollection<Document> withWatch(MongoCollection<Document> collection,
                                                       Supplier<Publisher<ChangeStreamDocument<Document>>> streams) {
        return (MongoCollection<Document>) Proxy.newProxyInstance(AlertFeedTest.class.getClassLoader(),
                new Class<?>[] {MongoCollection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("watch") && (args == null || args.length == 0)) {
                        ChangeStreamPublisher<Document> publisher = (ChangeStreamPublisher<Document>) Proxy.newProxyInstance(
                                AlertFeedTest.class.getClassLoader(), new Class<?>[] {ChangeStreamPublisher.class},
                                (p, m, a) -> {
                                    if (m.getName().equals("subscribe")) {
                                        streams.get().subscribe((Subscriber<ChangeStreamDocument<Document>>) a[0]);
                                        return null;
                                    }
                                    throw new UnsupportedOperationException(m.getName());
                                });
                        return publisher;
                    }
                    try {
                        return method.invoke(collection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void changedAfterAnswersTheLatestStateOfWhatChangedAfterAPositionInChangeOrder() {
        startMongo(true);
        AlertFeed feed = new AlertFeed(board, AlertFeed.Wakeups.POLLING, NEVER, NEVER);
        write("A", 1);
        write("B", 2);
        write("C", 3);
        write("A", 4);
        assertThat(feed.changedAfter(1, null).map(AlertFeedTest::label).collectList().block())
                .containsExactly("B@2", "C@3", "A@4");
        assertThat(feed.changedAfter(4, null).collectList().block()).isEmpty();
        assertThat(feed.currentPosition().block()).isEqualTo(4);
    }

    /**
     * Subscribes, then waits until the feed is being woken. First it changes a probe (after the
     * board's position {@code from}) until the feed reports one: the feed has started. That report
     * may come from the feed's first read of the board, done before the server had opened the
     * change stream, so a change made then would be left to a poll a minute away. So then it changes
     * a probe again, each time the last one went unreported for half a second, until one is reported:
     * made after the feed's first read, only a wake-up of the mode under test can report it. Answers
     * the last probe's position: the test's changes come after it.
     */
    private long listen(AlertFeed feed, long from) {
        listening = feed.changes().map(AlertFeedTest::label).subscribe(seen::add);
        AtomicLong position = new AtomicLong(from);
        Awaitility.await("the feed reports a probe").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!seen.isEmpty()) {
                        return true;
                    }
                    write("PROBE", position.incrementAndGet());
                    return false;
                });
        AtomicReference<String> probe = new AtomicReference<>();
        Awaitility.await("the feed is woken by a probe changed after it started").atMost(Duration.ofSeconds(20))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (probe.get() != null && seen.contains(probe.get())) {
                        return true;
                    }
                    long next = position.incrementAndGet();
                    write("PROBE", next);
                    probe.set("PROBE@" + next);
                    return false;
                });
        return position.get();
    }

    /** What the feed delivered, the probes left out. */
    private static void awaitSeen(List<String> seen, List<String> expected) {
        Awaitility.await("the feed delivers " + expected).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> withoutProbes(seen).size() >= expected.size());
        assertThat(withoutProbes(seen)).containsExactlyElementsOf(expected);
    }

    private static List<String> withoutProbes(List<String> seen) {
        return seen.stream().filter(label -> !label.startsWith("PROBE@")).toList();
    }

    /** As the alert-board projection writes: the whole document, with the board's change number. */
    private void write(String alertId, long position) {
        Mono.from(board.replaceOne(new Document("_id", alertId),
                new Document("_id", alertId).append("alertId", alertId).append(AlertFeed.POSITION, position),
                new com.mongodb.client.model.ReplaceOptions().upsert(true))).block();
    }

    private static String label(Document alert) {
        return alert.getString("_id") + "@" + AlertFeed.positionOf(alert);
    }
}

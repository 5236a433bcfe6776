package org.hospital.surveillance.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoServerException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.bson.BsonDocument;
import org.bson.Document;
import org.hospital.surveillance.query.alert.AlertFeed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;

/**
 * The embedded read-model server's capped oplog, through the real drivers over TCP on a real
 * read-model file: it stays within its bound however much is written, a change stream that keeps
 * reading sees every change, one that fell behind the trim is told so (ChangeStreamHistoryLost, as
 * on a real MongoDB) instead of passing over what it missed, and the alert feed still delivers
 * every alert while the figures flood the oplog. A stream with nothing new to read waits for the next
 * write of its own collection instead of being answered at once (the driver would ask again at once).
 * Only collections a change stream was opened on are logged.
 */
class BoundedOplogTest {

    private static final int BOUND = 100;
    /** Trimmed once a quarter more than the bound was written. */
    private static final int MOST = BOUND + BOUND / 4;

    @TempDir
    Path dir;
    private EmbeddedReadModelFile file;
    private EmbeddedReadModelBackend backend;
    private MongoServer server;
    private MongoClient client;
    private com.mongodb.reactivestreams.client.MongoClient reactiveClient;
    private Disposable listening;
    private final List<MongoChangeStreamCursor<ChangeStreamDocument<Document>>> watchers = new ArrayList<>();

    private MongoCollection<Document> start() {
        file = new EmbeddedReadModelFile(dir.resolve("readmodels.mv"));
        backend = new EmbeddedReadModelBackend(file, BOUND);
        server = new MongoServer(backend);
        server.enableOplog();
        server.bind("127.0.0.1", 0);
        String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        client = MongoClients.create(uri);
        reactiveClient = com.mongodb.reactivestreams.client.MongoClients.create(uri);
        return client.getDatabase("surveillance").getCollection("alert_board");
    }

    /**
     * The figures' collection, watched by a change stream that stays open (and is never read): only
     * a watched collection's writes are logged, and these tests flood the oplog with them.
     */
    private MongoCollection<Document> watchedFigures() {
        MongoCollection<Document> rates = client.getDatabase("surveillance").getCollection("rates");
        watchers.add(rates.watch().cursor());
        return rates;
    }

    @AfterEach
    void stop() {
        watchers.forEach(MongoChangeStreamCursor::close);
        if (listening != null) {
            listening.dispose();
        }
        if (reactiveClient != null) {
            reactiveClient.close();
        }
        if (client != null) {
            client.close();
        }
        if (file != null) {
            file.close();
        }
        if (server != null) {
            server.shutdownNow();
        }
    }

    @Test
    void writesOfACollectionNoChangeStreamWatchesAreNotLoggedAndAStreamOpenedLaterSeesWhatFollows() {
        MongoCollection<Document> board = start();
        MongoCollection<Document> rates = client.getDatabase("surveillance").getCollection("rates");
        for (int i = 0; i < 2 * MOST; i++) {
            rates.insertOne(new Document("_id", "fact-" + i));
        }
        write(board, "CLU-BEFORE", 1);
        assertThat(backend.oplogSize()).isZero();

        try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> changes = board.watch().cursor()) {
            assertThat(changes.tryNext()).isNull();
            rates.insertOne(new Document("_id", "fact-after"));
            write(board, "CLU-AFTER", 2);
            assertThat(changes.next().getDocumentKey().getString("_id").getValue()).isEqualTo("CLU-AFTER");
        }
        // The board from its first stream on, the figures still not.
        assertThat(backend.oplogSize()).isEqualTo(1);
    }

    @Test
    void resumingFromBeforeACollectionWasWatchedIsRefusedIfItWasWrittenUnlogged() {
        MongoCollection<Document> board = start();
        MongoCollection<Document> rates = client.getDatabase("surveillance").getCollection("rates");
        BsonDocument beforeTheFigures;
        try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> changes = board.watch().cursor()) {
            assertThat(changes.tryNext()).isNull();
            write(board, "CLU-1", 1);
            beforeTheFigures = changes.next().getResumeToken();
        }
        rates.insertOne(new Document("_id", "fact-unlogged"));

        // A real MongoDB would hand this stream the insert; this oplog never had it, so it says so.
        assertThatThrownBy(() -> rates.watch().resumeAfter(beforeTheFigures).cursor().tryNext())
                .isInstanceOfSatisfying(MongoServerException.class,
                        e -> assertThat(e.getCode()).isEqualTo(BoundedOplog.CHANGE_STREAM_HISTORY_LOST));
        // The board, logged all along, resumes from the same point; the figures from now on.
        write(board, "CLU-2", 2);
        try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> changes = board.watch().resumeAfter(beforeTheFigures).cursor()) {
            assertThat(changes.next().getDocumentKey().getString("_id").getValue()).isEqualTo("CLU-2");
        }
        try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> changes = rates.watch().cursor()) {
            assertThat(changes.tryNext()).isNull();
            rates.insertOne(new Document("_id", "fact-logged"));
            assertThat(changes.next().getDocumentKey().getString("_id").getValue()).isEqualTo("fact-logged");
        }
    }

    @Test
    void theOplogStaysWithinItsBoundWhileAReadingChangeStreamSeesEveryChange() {
        MongoCollection<Document> board = start();
        MongoCollection<Document> rates = watchedFigures();
        List<String> seen = new ArrayList<>();
        // Each read that finds nothing waits at most 20 ms (the driver's maxAwaitTime), not the default second.
        try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> changes = board.watch()
                .maxAwaitTime(20, TimeUnit.MILLISECONDS).cursor()) {
            assertThat(changes.tryNext()).isNull();
            for (long position = 1; position <= 20; position++) {
                for (int figure = 0; figure < 40; figure++) {
                    rates.replaceOne(new Document("_id", "W-" + figure), new Document("n", position),
                            new ReplaceOptions().upsert(true));
                    assertThat(backend.oplogSize()).isLessThanOrEqualTo(MOST);
                }
                write(board, "CLU-" + position, position);
                // Read after each change: what has been read may be trimmed, what has not must stay.
                for (ChangeStreamDocument<Document> change = changes.tryNext(); change != null; change = changes.tryNext()) {
                    seen.add(change.getDocumentKey().getString("_id").getValue());
                }
            }
        }
        assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, 20).mapToObj(n -> "CLU-" + n).toList());
        assertThat(backend.oplogSize()).isBetween(BOUND, MOST);
    }

    @Test
    void aChangeStreamThatFellBehindTheTrimIsToldItsHistoryIsLost() {
        MongoCollection<Document> board = start();
        MongoCollection<Document> rates = watchedFigures();
        try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> changes = board.watch().cursor()) {
            assertThat(changes.tryNext()).isNull();
            write(board, "CLU-MISSED", 1);
            for (int i = 0; i < 2 * MOST; i++) {
                rates.insertOne(new Document("_id", "fact-" + i));
            }
            assertThatThrownBy(changes::tryNext).isInstanceOfSatisfying(MongoServerException.class,
                    e -> assertThat(e.getCode()).isEqualTo(BoundedOplog.CHANGE_STREAM_HISTORY_LOST));
        }
    }

    @Test
    void resumingAfterATrimmedChangeIsRefusedAndAfterAKeptOneReadsOn() {
        MongoCollection<Document> board = start();
        MongoCollection<Document> rates = watchedFigures();
        BsonDocument trimmed;
        try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> changes = board.watch().cursor()) {
            assertThat(changes.tryNext()).isNull();
            write(board, "CLU-1", 1);
            trimmed = changes.next().getResumeToken();
        }
        for (int i = 0; i < 2 * MOST; i++) {
            rates.insertOne(new Document("_id", "fact-" + i));
        }
        assertThatThrownBy(() -> board.watch().resumeAfter(trimmed).cursor().tryNext())
                .isInstanceOfSatisfying(MongoServerException.class,
                        e -> assertThat(e.getCode()).isEqualTo(BoundedOplog.CHANGE_STREAM_HISTORY_LOST));

        write(board, "CLU-2", 2);
        BsonDocument kept;
        try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> changes = board.watch().cursor()) {
            assertThat(changes.tryNext()).isNull();
            write(board, "CLU-3", 3);
            kept = changes.next().getResumeToken();
        }
        write(board, "CLU-4", 4);
        try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> changes = board.watch().resumeAfter(kept).cursor()) {
            assertThat(changes.next().getDocumentKey().getString("_id").getValue()).isEqualTo("CLU-4");
        }
    }

    /**
     * A read of a stream that has read everything waits; writes of other collections leave it waiting,
     * the next write of its own collection wakes it, and a stream with something unread never waits.
     */
    @Test
    void aChangeStreamWaitsForTheNextWriteOfItsOwnCollection() {
        MongoCollection<Document> board = start();
        MongoCollection<Document> rates = watchedFigures();
        try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> changes = board.watch()
                .maxAwaitTime(20, TimeUnit.MILLISECONDS).cursor()) {
            assertThat(changes.tryNext()).isNull();
            long cursor = changes.getServerCursor().getId();
            AtomicInteger woken = new AtomicInteger();
            assertThat(backend.oplog().awaitChanges(cursor, woken::incrementAndGet)).isTrue();

            rates.insertOne(new Document("_id", "fact-1"));
            assertThat(woken).hasValue(0);
            write(board, "CLU-1", 1);
            // Woken inside the write, before its answer.
            assertThat(woken).hasValue(1);
            assertThat(backend.oplog().awaitChanges(cursor, woken::incrementAndGet)).as("CLU-1 is still to be read").isFalse();

            assertThat(changes.tryNext().getDocumentKey().getString("_id").getValue()).isEqualTo("CLU-1");
            // A read that gave up waiting is forgotten: the next write does not wake it.
            Runnable gaveUp = woken::incrementAndGet;
            assertThat(backend.oplog().awaitChanges(cursor, gaveUp)).isTrue();
            backend.oplog().stopAwaiting(cursor, gaveUp);
            write(board, "CLU-2", 2);
            assertThat(woken).hasValue(1);
            assertThat(backend.oplog().awaitChanges(cursor, woken::incrementAndGet)).as("CLU-2 is still to be read").isFalse();
        }
    }

    /** A read cut short by its batch size leaves changes to read: the next read takes them at once. */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a wrongly waiting read fails after 30 s, then the close waits it out
    void aReadCutShortByItsBatchSizeDoesNotWait() {
        MongoCollection<Document> board = start();
        try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> changes = board.watch().batchSize(1)
                .maxAwaitTime(2, TimeUnit.MINUTES).cursor()) {
            write(board, "CLU-1", 1);
            write(board, "CLU-2", 2);
            CompletableFuture<List<String>> both = CompletableFuture.supplyAsync(() -> List.of(
                    changes.next().getDocumentKey().getString("_id").getValue(),
                    changes.next().getDocumentKey().getString("_id").getValue()));
            assertThat(Awaitility.await("both changes").atMost(Duration.ofSeconds(30))
                    .until(() -> both.getNow(null), read -> read != null)).containsExactly("CLU-1", "CLU-2");
        }
    }

    /**
     * A waiting read (the driver lets it wait two minutes here) gets the change the moment it is
     * written, and a stream that waited while other collections wrote past the oplog's bound has lost
     * nothing of its own: a missed wake-up would leave the read waiting past the await's bound.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a missed wake-up fails after 30 s, then the close waits out the read
    void aWaitingChangeStreamIsWokenByItsCollectionsWriteEvenAfterTheOplogWasTrimmed() {
        MongoCollection<Document> board = start();
        MongoCollection<Document> rates = watchedFigures();
        try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> changes = board.watch()
                .maxAwaitTime(2, TimeUnit.MINUTES).cursor()) {
            CompletableFuture<ChangeStreamDocument<Document>> next = CompletableFuture.supplyAsync(changes::next);
            Awaitility.await("the stream's read waiting").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                    .until(() -> backend.oplog().waitingReads() == 1);
            for (int i = 0; i < 2 * MOST; i++) {
                rates.insertOne(new Document("_id", "fact-" + i));
            }
            assertThat(backend.oplogSize()).isLessThanOrEqualTo(MOST);
            write(board, "CLU-1", 1);
            ChangeStreamDocument<Document> change = Awaitility.await("the woken read's answer").atMost(Duration.ofSeconds(30))
                    .until(() -> next.getNow(null), c -> c != null);
            assertThat(change.getDocumentKey().getString("_id").getValue()).isEqualTo("CLU-1");
        }
    }

    /**
     * The alert feed as the platform runs it (change streams, its safety poll a minute away) sees
     * every alert in order while the figures write twenty times the oplog's bound.
     */
    @Test
    void theAlertFeedDeliversEveryAlertWhileTheFiguresFloodTheOplog() {
        MongoCollection<Document> board = start();
        MongoCollection<Document> rates = watchedFigures();
        AlertFeed feed = new AlertFeed(reactiveClient.getDatabase("surveillance").getCollection("alert_board"),
                AlertFeed.Wakeups.CHANGE_STREAM, Duration.ofMillis(200), Duration.ofMinutes(1));
        List<Long> seen = new CopyOnWriteArrayList<>();
        listening = feed.changes().subscribe(alert -> seen.add(alert.get("feedPosition", Number.class).longValue()));
        long position = 0;
        // A first alert the feed reports: from then on it is reading and being woken.
        while (seen.isEmpty() && position < 200) {
            write(board, "CLU-" + (++position), position);
            sleepBriefly();
        }
        long first = position;
        for (int round = 0; round < 40; round++) {
            for (int figure = 0; figure < 50; figure++) {
                rates.replaceOne(new Document("_id", "W-" + figure), new Document("n", round),
                        new ReplaceOptions().upsert(true));
            }
            write(board, "CLU-" + (++position), position);
        }
        long last = position;
        Awaitility.await("every alert delivered").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> seen.contains(last));
        assertThat(seen).containsSubsequence(LongStream.rangeClosed(first, last).boxed().toList());
        assertThat(backend.oplogSize()).isLessThanOrEqualTo(MOST);
        assertThat(feed.wakeups()).isEqualTo(AlertFeed.Wakeups.CHANGE_STREAM);
    }

    private static void sleepBriefly() {
        Awaitility.await().pollDelay(Duration.ofMillis(50)).until(() -> true);
    }

    /** As the alert-board projection writes: the whole document, with the board's change number. */
    private static void write(MongoCollection<Document> board, String alertId, long position) {
        board.replaceOne(new Document("_id", alertId), new Document("alertId", alertId).append("feedPosition", position),
                new ReplaceOptions().upsert(true));
    }
}

package org.hospital.surveillance.query.alert;

import com.mongodb.MongoServerException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What changed on the alert board, in the order the board changed, read from MongoDB so that
 * every instance sharing the read-model database sees every change, whichever instance's
 * processor wrote it.
 *
 * <p>The {@code alert-board} projection stamps each changed document with the board's next change
 * number ({@value #POSITION}). The source of truth is always the indexed query "documents changed
 * after n"; what differs is what makes an instance ask again:
 * <ul>
 *   <li>{@link Wakeups#CHANGE_STREAM}: a MongoDB change stream on the board collection (a replica
 *   set, or the embedded server with its oplog), plus a slow safety poll for the moments the change
 *   stream cannot see (while it is being opened or reopened). Without a replica set the change
 *   stream fails and the feed falls back to polling.</li>
 *   <li>{@link Wakeups#POLLING}: the query on a fixed interval.</li>
 * </ul>
 * One reader per instance serves every subscriber ({@link #changes()}); it runs while someone
 * listens, and half a minute longer. Everything here is the reactive driver: nothing blocks the event loop.
 */
public final class AlertFeed {

    /** Written by the {@code alert-board} projection (projections module). */
    static final String POSITION = "feedPosition";

    private static final Logger log = LoggerFactory.getLogger(AlertFeed.class);
    private static final Object WAKE_UP = new Object();
    private static final Duration KEEP_OPEN = Duration.ofSeconds(30);
    private static final int CHANGE_STREAM_HISTORY_LOST = 286;

    /** What makes the feed look for changes. */
    public enum Wakeups { CHANGE_STREAM, POLLING }

    private final Supplier<Mono<MongoCollection<Document>>> board;
    private final Wakeups wakeups;
    private final Duration pollInterval;
    private final Duration safetyPollInterval;
    private final Flux<Document> changes;
    private final AtomicBoolean fellBackToPolling = new AtomicBoolean();

    /**
     * @param pollInterval       how often to look in {@link Wakeups#POLLING} mode (and after falling back to it)
     * @param safetyPollInterval how often to look anyway in {@link Wakeups#CHANGE_STREAM} mode
     */
    public AlertFeed(MongoCollection<Document> board, Wakeups wakeups, Duration pollInterval, Duration safetyPollInterval) {
        this(() -> Mono.just(board), wakeups, pollInterval, safetyPollInterval);
    }

    /**
     * @param board the collection the board is served from at each moment: a rebuild of the board
     *              switches to a new generation (see {@code ReadModelCollections})
     */
    public AlertFeed(Supplier<Mono<MongoCollection<Document>>> board, Wakeups wakeups, Duration pollInterval,
                     Duration safetyPollInterval) {
        this.board = board;
        this.wakeups = wakeups;
        this.pollInterval = pollInterval;
        this.safetyPollInterval = safetyPollInterval;
        // Kept a while after the last subscriber leaves: a page that reconnects finds the change stream open.
        this.changes = Flux.defer(this::readChanges).publish().refCount(1, KEEP_OPEN);
    }

    /**
     * Board documents as they change from now on, in change order, each with its {@value #POSITION}.
     * Hot and shared: a late subscriber sees only what changes after it subscribed.
     */
    public Flux<Document> changes() {
        return changes;
    }

    /** The number of the board's latest change, 0 for an empty board. */
    public Mono<Long> currentPosition() {
        return board.get().flatMap(alerts -> Mono.from(alerts.find(Filters.gt(POSITION, 0L)).sort(Sorts.descending(POSITION))
                        .projection(Projections.include(POSITION)).limit(1).first()))
                .map(AlertFeed::positionOf)
                .defaultIfEmpty(0L);
    }

    /** Board documents changed after the given change number, in change order, that match the filter. */
    public Flux<Document> changedAfter(long position, Bson filter) {
        List<Bson> conditions = new ArrayList<>();
        conditions.add(Filters.gt(POSITION, position));
        if (filter != null) {
            conditions.add(filter);
        }
        return board.get().flatMapMany(alerts -> alerts.find(Filters.and(conditions)).sort(Sorts.ascending(POSITION)));
    }

    public Wakeups wakeups() {
        return fellBackToPolling.get() ? Wakeups.POLLING : wakeups;
    }

    /** MongoDB's {@code ChangeStreamHistoryLost}: entries a change stream had still to read left the capped oplog. */
    static boolean historyLost(Throwable e) {
        return e instanceof MongoServerException server && server.getCode() == CHANGE_STREAM_HISTORY_LOST;
    }

    static long positionOf(Document alert) {
        Number position = alert.get(POSITION, Number.class);
        return position == null ? 0L : position.longValue();
    }

    private Flux<Document> readChanges() {
        return currentPosition().flatMapMany(start -> {
            AtomicLong last = new AtomicLong(start);
            return wakeUps()
                    // One query at a time; a wake-up during a query means "look once more afterwards".
                    .onBackpressureLatest()
                    .concatMap(wakeUp -> changedAfter(last.get(), null).doOnNext(d -> last.set(positionOf(d))), 1);
        });
    }

    private Flux<Object> wakeUps() {
        Flux<Object> first = Flux.just(WAKE_UP);
        if (wakeups == Wakeups.POLLING || fellBackToPolling.get()) {
            return Flux.concat(first, Flux.interval(pollInterval).map(tick -> WAKE_UP));
        }
        Flux<Object> changeStream = Flux.defer(() -> board.get().flatMapMany(MongoCollection::watch))
                .map(change -> WAKE_UP)
                // The oplog rolled over past what this stream had read: it may have missed a change, so read,
                // then open a new one.
                .onErrorResume(AlertFeed::historyLost, e -> Flux.just(WAKE_UP))
                // Dropping or renaming the collection ends a change stream (so does a rebuild dropping the
                // generation it replaced): open a new one, on the collection that serves the board now.
                .repeatWhen(ended -> ended.delayElements(pollInterval))
                .onErrorResume(e -> {
                    if (fellBackToPolling.compareAndSet(false, true)) {
                        log.warn("Alert stream: no MongoDB change streams here ({}); polling the alert board every {} instead."
                                + " A replica set gives change streams.", e.getMessage(), pollInterval);
                    }
                    return Flux.interval(pollInterval).map(tick -> WAKE_UP);
                });
        return Flux.merge(first, changeStream, Flux.interval(safetyPollInterval).map(tick -> WAKE_UP));
    }
}

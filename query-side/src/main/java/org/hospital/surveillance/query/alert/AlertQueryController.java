package org.hospital.surveillance.query.alert;

import static com.mongodb.client.model.Filters.eq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ReadConcern;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.hospital.surveillance.events.alert.AlertStatus;
import org.hospital.surveillance.events.alert.AlertType;
import org.hospital.surveillance.query.support.JsonAnswer;
import org.hospital.surveillance.query.support.JsonBody;
import org.hospital.surveillance.query.support.KeptAnswers;
import org.hospital.surveillance.query.support.PastReadModels;
import org.hospital.surveillance.query.support.ReadModelCollections;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The alert board, newest first. Filters are exact: {@code status} and {@code type} are the
 * enums' names (an unknown value is a 400 naming the parameter), {@code wardId} the ward's id;
 * an empty parameter means no filter. Sterilization-failure alerts belong to a sterilizer, not a
 * ward, so a ward filter leaves them out.
 */
@RestController
@RequestMapping("/api/alerts")
public class AlertQueryController {

    /** Written by the {@code alert-board} projection. */
    static final String PROJECTION = "alert-board";
    static final String COLLECTION = "alert_board";
    /** The board's order: newest first, then by id. */
    private static final Comparator<Document> NEWEST_FIRST = Comparator
            .comparing((Document alert) -> alert.getDate("raisedAt"), Comparator.nullsFirst(Comparator.naturalOrder()))
            .reversed()
            .thenComparing(alert -> alert.getString("_id"));

    /** The board's change counter and the stamp of each change (projections module). */
    static final String FEED_COLLECTION = "alert_board_feed";
    static final String FEED_POSITION = "feedPosition";
    private static final long NO_CHANGES = -1;
    /** The bodies of a kept board: a few filters, a few boards' worth of bytes (the whole board is the largest). */
    private static final int KEPT_FILTERS = 16;
    private static final long KEPT_BYTES = 32L << 20;

    private final MongoDatabase database;
    private final ReadModelCollections collections;
    private final PastReadModels past;
    private final AtomicReference<Board> kept = new AtomicReference<>();
    private final JsonAnswer json;
    /** The JSON answered for each filter of the kept board, by the board's version. */
    private final KeptAnswers<Filter> bodies = new KeptAnswers<>(KEPT_FILTERS, KEPT_BYTES);

    public AlertQueryController(MongoDatabase database, PastReadModels past, ObjectMapper json) {
        this.database = database;
        this.collections = new ReadModelCollections(database);
        this.past = past;
        this.json = new JsonAnswer(json);
    }

    /**
     * {@code asOf}: the board as it was at that instant, from the events recorded up to it. The JSON
     * of a kept board is kept too, per filter, and sent as it is while the board is kept (gzip-compressed,
     * once, for clients that accept it: {@link JsonBody}).
     */
    @GetMapping
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = AlertView.class))))
    public Mono<ResponseEntity<byte[]>> alerts(@RequestParam(required = false) AlertStatus status,
                                  @RequestParam(required = false) AlertType type,
                                  @RequestParam(required = false) String wardId,
                                  @RequestParam(required = false) Instant asOf,
                                  ServerHttpRequest request) {
        Filter filter = new Filter(status, type, wardId == null || wardId.isBlank() ? null : wardId);
        Map<String, String> equal = new LinkedHashMap<>();
        if (status != null) {
            equal.put("status", status.name());
        }
        if (type != null) {
            equal.put("type", type.name());
        }
        if (wardId != null && !wardId.isBlank()) {
            equal.put("wardId", wardId);
        }
        if (asOf != null) {
            // Every alert raised up to now is on today's board; their own streams give the board at the instant.
            Flux<Document> today = collections.of(PROJECTION, COLLECTION)
                    .flatMapMany(board -> board.find().projection(Projections.include("_id")));
            return past.documents(PROJECTION, COLLECTION, today, asOf)
                    .filter(alert -> equal.entrySet().stream().allMatch(e -> e.getValue().equals(alert.get(e.getKey()))))
                    .sort(NEWEST_FIRST)
                    .map(AlertView::of)
                    .collectList()
                    .map(json::body)
                    .map(body -> body.response(request));
        }
        // One JSON body: a Flux would be written to the connection alert by alert.
        return collections.of(PROJECTION, COLLECTION).flatMap(this::board).map(board -> {
            JsonBody body = board.kept() ? bodies.get(filter, board.version()) : null;
            if (body == null) {
                body = json.body(board.alerts().stream()
                        .filter(alert -> equal.entrySet().stream().allMatch(e -> e.getValue().equals(field(alert, e.getKey()))))
                        .toList());
                if (board.kept()) {
                    bodies.keep(filter, board.version(), body);
                }
            }
            return body.response(request);
        });
    }

    /** The whole live board, newest first, as the unfiltered read finds it (for the board's indicators). */
    public Mono<List<AlertView>> wholeBoard() {
        return collections.of(PROJECTION, COLLECTION).flatMap(this::board).map(Board::alerts);
    }

    /**
     * The whole board, newest first. Every change of the board takes the next number of its counter
     * before it is written, and stamps it on the changed alert ({@value #FEED_POSITION}). So a board
     * read whose highest stamp is the counter's number holds every change numbered so far, and stays
     * the board until the counter moves: it is kept and served for as long as the counter reads the
     * same, in the same collection. A board read while a change is on its way (its number taken, its
     * write not yet seen) is served but not kept.
     */
    private Mono<Board> board(MongoCollection<Document> collection) {
        String name = collection.getNamespace().getCollectionName();
        return Mono.from(database.getCollection(FEED_COLLECTION).find(eq("_id", COLLECTION)).first())
                .map(counter -> counter.get("position", Number.class).longValue())
                .defaultIfEmpty(NO_CHANGES)
                .flatMap(changes -> {
                    Board kept = this.kept.get();
                    if (kept != null && changes != NO_CHANGES && kept.version().equals(new Version(name, changes))) {
                        return Mono.just(kept);
                    }
                    // One point in time: a scan that saw change n saw every change before it (they are
                    // written in number order), so a board whose highest stamp is the counter is whole.
                    return Flux.from(collection.withReadConcern(ReadConcern.SNAPSHOT).find()
                                    .sort(Sorts.orderBy(Sorts.descending("raisedAt"), Sorts.ascending("_id"))))
                            .collectList()
                            .map(alerts -> {
                                long highest = alerts.stream().map(alert -> alert.get(FEED_POSITION, Number.class))
                                        .filter(Objects::nonNull).mapToLong(Number::longValue).max().orElse(NO_CHANGES);
                                boolean whole = changes != NO_CHANGES && highest == changes;
                                Board read = new Board(new Version(name, changes), alerts.stream().map(AlertView::of).toList(), whole);
                                if (whole) {
                                    this.kept.set(read);
                                }
                                return read;
                            });
                });
    }

    /** The value the board's equality filters compare, as the document held it. */
    private static String field(AlertView alert, String name) {
        return switch (name) {
            case "status" -> alert.status();
            case "type" -> alert.type();
            case "wardId" -> alert.wardId();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The board as read from {@code collection} when its counter stood at {@code changes}. */
    private record Version(String collection, long changes) {
    }

    /** The board of that version; {@code kept} when it holds every change numbered so far. */
    private record Board(Version version, List<AlertView> alerts, boolean kept) {
    }

    /** A filter of the board, as its body is kept: no ward filter is null, as an empty parameter. */
    private record Filter(AlertStatus status, AlertType type, String wardId) {
    }
}

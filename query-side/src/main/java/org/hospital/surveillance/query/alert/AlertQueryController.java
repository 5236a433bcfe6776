package org.hospital.surveillance.query.alert;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.hospital.surveillance.events.alert.AlertStatus;
import org.hospital.surveillance.events.alert.AlertType;
import org.hospital.surveillance.query.support.PastReadModels;
import org.hospital.surveillance.query.support.ReadModelCollections;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

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

    private final ReadModelCollections collections;
    private final PastReadModels past;

    public AlertQueryController(MongoDatabase database, PastReadModels past) {
        this.collections = new ReadModelCollections(database);
        this.past = past;
    }

    /** {@code asOf}: the board as it was at that instant, from the events recorded up to it. */
    @GetMapping
    public Flux<AlertView> alerts(@RequestParam(required = false) AlertStatus status,
                                  @RequestParam(required = false) AlertType type,
                                  @RequestParam(required = false) String wardId,
                                  @RequestParam(required = false) Instant asOf) {
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
                    .map(AlertView::of);
        }
        List<Bson> filters = equal.entrySet().stream().map(e -> Filters.eq(e.getKey(), e.getValue())).toList();
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        return collections.of(PROJECTION, COLLECTION)
                .flatMapMany(board -> board.find(filter).sort(Sorts.orderBy(Sorts.descending("raisedAt"), Sorts.ascending("_id"))))
                .map(AlertView::of);
    }
}

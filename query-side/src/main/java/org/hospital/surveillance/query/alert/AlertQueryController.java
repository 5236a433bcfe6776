package org.hospital.surveillance.query.alert;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.hospital.surveillance.events.alert.AlertType;
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
    static final String COLLECTION = "alert_board";

    private final MongoCollection<Document> board;

    public AlertQueryController(MongoDatabase database) {
        this.board = database.getCollection(COLLECTION);
    }

    @GetMapping
    public Flux<AlertView> alerts(@RequestParam(required = false) AlertStatus status,
                                  @RequestParam(required = false) AlertType type,
                                  @RequestParam(required = false) String wardId) {
        List<Bson> filters = new ArrayList<>();
        if (status != null) {
            filters.add(Filters.eq("status", status.name()));
        }
        if (type != null) {
            filters.add(Filters.eq("type", type.name()));
        }
        if (wardId != null && !wardId.isBlank()) {
            filters.add(Filters.eq("wardId", wardId));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        return Flux.from(board.find(filter).sort(Sorts.orderBy(Sorts.descending("raisedAt"), Sorts.ascending("_id"))))
                .map(AlertView::of);
    }
}

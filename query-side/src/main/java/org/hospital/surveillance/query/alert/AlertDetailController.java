package org.hospital.surveillance.query.alert;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.hospital.surveillance.query.support.ReadModelCollections;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** {@code GET /api/alerts/{alertId}}: one alert with what triggered it, for the nurse who opens it on the board. */
@RestController
class AlertDetailController {

    private final ReadModelCollections collections;

    AlertDetailController(MongoDatabase database) {
        this.collections = new ReadModelCollections(database);
    }

    @GetMapping("/api/alerts/{alertId}")
    Mono<AlertDetail> alert(@PathVariable String alertId) {
        return collections.of(AlertQueryController.PROJECTION, AlertQueryController.COLLECTION)
                .flatMap(board -> Mono.from(board.find(Filters.eq("_id", alertId)).first()))
                .map(AlertDetail::of)
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No alert " + alertId)));
    }
}

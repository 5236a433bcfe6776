package org.hospital.surveillance.query.rates;

import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.YearMonth;
import org.hospital.surveillance.query.support.MonthBuckets;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/** {@code GET /api/rates?month=YYYY-MM&wardId=}: one row per ward with census or HAI cases that month, by ward id. */
@RestController
class RatesController {

    /** Written by the {@code rates} processing group (projections module). */
    static final String BUCKETS = "rates_by_ward_month";

    private final MonthBuckets buckets;

    RatesController(MongoDatabase database) {
        this.buckets = new MonthBuckets(database.getCollection(BUCKETS), "wardId");
    }

    @GetMapping("/api/rates")
    Flux<WardRates> rates(@RequestParam YearMonth month, @RequestParam(required = false) String wardId) {
        return buckets.of(month, wardId).filter(WardRates::hasFacts).map(WardRates::of);
    }
}

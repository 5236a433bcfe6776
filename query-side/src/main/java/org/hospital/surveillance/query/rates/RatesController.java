package org.hospital.surveillance.query.rates;

import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.hospital.surveillance.query.support.MonthBuckets;
import org.hospital.surveillance.query.support.PastReadModels;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/rates?month=YYYY-MM&wardId=}: one row per ward with census or HAI cases that month, by ward id. */
@RestController
public class RatesController {

    /** Written by the {@code rates} processing group (projections module). */
    static final String PROJECTION = "rates";
    static final String BUCKETS = "rates_by_ward_month";

    private final MonthBuckets buckets;

    RatesController(MongoDatabase database, PastReadModels past) {
        this.buckets = new MonthBuckets(database, past, PROJECTION, BUCKETS, "wardId");
    }

    /** {@code asOf}: the figures as they were at that instant, from the events recorded up to it. */
    @GetMapping("/api/rates")
    public Mono<List<WardRates>> rates(@RequestParam YearMonth month, @RequestParam(required = false) String wardId,
                          @RequestParam(required = false) Instant asOf) {
        // One JSON body: a Flux would be written to the connection row by row.
        return buckets.of(month, wardId, asOf).filter(WardRates::hasFacts).map(WardRates::of).collectList();
    }
}

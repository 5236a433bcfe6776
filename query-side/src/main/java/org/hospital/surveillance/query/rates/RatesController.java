package org.hospital.surveillance.query.rates;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.bson.Document;
import org.hospital.surveillance.query.support.MonthBuckets;
import org.hospital.surveillance.query.support.PastReadModels;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code GET /api/rates?month=YYYY-MM&wardId=}: one row per ward with census or HAI cases that month, by ward id. */
@RestController
public class RatesController {

    /** Written by the {@code rates} processing group (projections module). */
    static final String PROJECTION = "rates";
    static final String BUCKETS = "rates_by_ward_month";

    private final MonthBuckets buckets;

    RatesController(MongoDatabase database, PastReadModels past, ObjectMapper json) {
        this.buckets = new MonthBuckets(database, past, PROJECTION, BUCKETS, "wardId", json);
    }

    /**
     * {@code asOf}: the figures as they were at that instant, from the events recorded up to it. One
     * JSON body (a Flux would be written to the connection row by row), kept while the buckets are
     * unchanged ({@link MonthBuckets#answer}).
     */
    @GetMapping("/api/rates")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = WardRates.class))))
    public Mono<ResponseEntity<byte[]>> rates(@RequestParam YearMonth month, @RequestParam(required = false) String wardId,
                                              @RequestParam(required = false) Instant asOf, ServerHttpRequest request) {
        return buckets.answer(month, wardId, asOf, RatesController::rows, request);
    }

    /** The same rows as values, read afresh (for the rate indicators). */
    public Mono<List<WardRates>> rows(YearMonth month, String wardId, Instant asOf) {
        return rows(buckets.of(month, wardId, asOf));
    }

    private static Mono<List<WardRates>> rows(Flux<Document> buckets) {
        return buckets.filter(WardRates::hasFacts).map(WardRates::of).collectList();
    }
}

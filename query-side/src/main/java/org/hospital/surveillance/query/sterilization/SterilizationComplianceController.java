package org.hospital.surveillance.query.sterilization;

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
import org.hospital.surveillance.rules.sterilization.SterilizationTarget;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code GET /api/sterilization-compliance?month=YYYY-MM}: one row per sterilizer with loads completed that month. */
@RestController
public class SterilizationComplianceController {

    /** Written by the {@code sterilization-compliance} processing group (projections module). */
    static final String PROJECTION = "sterilization-compliance";
    static final String BUCKETS = "sterilization_compliance_by_sterilizer_month";

    private final MonthBuckets buckets;
    private final SterilizationTarget target;

    SterilizationComplianceController(MongoDatabase database, PastReadModels past, SterilizationTarget target, ObjectMapper json) {
        this.buckets = new MonthBuckets(database, past, PROJECTION, BUCKETS, "sterilizerId", json);
        this.target = target;
    }

    /**
     * {@code asOf}: the figures as they were at that instant, from the events recorded up to it. One
     * JSON body, kept while the buckets are unchanged ({@link MonthBuckets#answer}).
     */
    @GetMapping("/api/sterilization-compliance")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = SterilizerCompliance.class))))
    public Mono<ResponseEntity<byte[]>> sterilizationCompliance(@RequestParam YearMonth month,
                                                                @RequestParam(required = false) String sterilizerId,
                                                                @RequestParam(required = false) Instant asOf,
                                                                ServerHttpRequest request) {
        return buckets.answer(month, sterilizerId, asOf, this::rows, request);
    }

    /** The same rows as values, read afresh (for the compliance indicators). */
    public Mono<List<SterilizerCompliance>> rows(YearMonth month, String sterilizerId, Instant asOf) {
        return rows(buckets.of(month, sterilizerId, asOf));
    }

    private Mono<List<SterilizerCompliance>> rows(Flux<Document> read) {
        return read.filter(SterilizerCompliance::hasLoads).map(bucket -> SterilizerCompliance.of(bucket, target.percent())).collectList();
    }
}

package org.hospital.surveillance.query.compliance;

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
import org.hospital.surveillance.rules.environment.ComplianceTargets;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code GET /api/compliance?month=YYYY-MM&wardId=}: one row per ward and sample type sampled that month. */
@RestController
public class ComplianceController {

    /** Written by the {@code environment-compliance} processing group (projections module). */
    static final String PROJECTION = "environment-compliance";
    static final String BUCKETS = "environment_compliance_by_ward_month";

    private final MonthBuckets buckets;
    private final ComplianceTargets targets;

    ComplianceController(MongoDatabase database, PastReadModels past, ComplianceTargets targets, ObjectMapper json) {
        this.buckets = new MonthBuckets(database, past, PROJECTION, BUCKETS, "wardId", json);
        this.targets = targets;
    }

    /**
     * {@code asOf}: the figures as they were at that instant, from the events recorded up to it. One
     * JSON body (a Flux would be written to the connection row by row), kept while the buckets are
     * unchanged ({@link MonthBuckets#answer}).
     */
    @GetMapping("/api/compliance")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = ComplianceRow.class))))
    public Mono<ResponseEntity<byte[]>> compliance(@RequestParam YearMonth month, @RequestParam(required = false) String wardId,
                                                   @RequestParam(required = false) Instant asOf, ServerHttpRequest request) {
        return buckets.answer(month, wardId, asOf, this::rows, request);
    }

    /** The same rows as values, read afresh (for the compliance indicators). */
    public Mono<List<ComplianceRow>> rows(YearMonth month, String wardId, Instant asOf) {
        return rows(buckets.of(month, wardId, asOf));
    }

    private Mono<List<ComplianceRow>> rows(Flux<Document> read) {
        return read.flatMapIterable(bucket -> ComplianceRow.of(bucket, targets)).collectList();
    }
}

package org.hospital.surveillance.query.compliance;

import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.hospital.surveillance.query.support.MonthBuckets;
import org.hospital.surveillance.query.support.PastReadModels;
import org.hospital.surveillance.rules.environment.ComplianceTargets;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/compliance?month=YYYY-MM&wardId=}: one row per ward and sample type sampled that month. */
@RestController
public class ComplianceController {

    /** Written by the {@code environment-compliance} processing group (projections module). */
    static final String PROJECTION = "environment-compliance";
    static final String BUCKETS = "environment_compliance_by_ward_month";

    private final MonthBuckets buckets;
    private final ComplianceTargets targets;

    ComplianceController(MongoDatabase database, PastReadModels past, ComplianceTargets targets) {
        this.buckets = new MonthBuckets(database, past, PROJECTION, BUCKETS, "wardId");
        this.targets = targets;
    }

    /** {@code asOf}: the figures as they were at that instant, from the events recorded up to it. */
    @GetMapping("/api/compliance")
    public Mono<List<ComplianceRow>> compliance(@RequestParam YearMonth month, @RequestParam(required = false) String wardId,
                                   @RequestParam(required = false) Instant asOf) {
        // One JSON body: a Flux would be written to the connection row by row.
        return buckets.of(month, wardId, asOf).flatMapIterable(bucket -> ComplianceRow.of(bucket, targets)).collectList();
    }
}

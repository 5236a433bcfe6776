package org.hospital.surveillance.query.compliance;

import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.YearMonth;
import org.hospital.surveillance.query.support.MonthBuckets;
import org.hospital.surveillance.rules.environment.ComplianceTargets;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/** {@code GET /api/compliance?month=YYYY-MM&wardId=}: one row per ward and sample type sampled that month. */
@RestController
class ComplianceController {

    /** Written by the {@code environment-compliance} processing group (projections module). */
    static final String BUCKETS = "environment_compliance_by_ward_month";

    private final MonthBuckets buckets;
    private final ComplianceTargets targets;

    ComplianceController(MongoDatabase database, ComplianceTargets targets) {
        this.buckets = new MonthBuckets(database.getCollection(BUCKETS), "wardId");
        this.targets = targets;
    }

    @GetMapping("/api/compliance")
    Flux<ComplianceRow> compliance(@RequestParam YearMonth month, @RequestParam(required = false) String wardId) {
        return buckets.of(month, wardId).flatMapIterable(bucket -> ComplianceRow.of(bucket, targets));
    }
}

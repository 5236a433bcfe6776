package org.hospital.surveillance.query.sterilization;

import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Instant;
import java.time.YearMonth;
import org.hospital.surveillance.query.support.MonthBuckets;
import org.hospital.surveillance.query.support.PastReadModels;
import org.hospital.surveillance.rules.sterilization.SterilizationTarget;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/** {@code GET /api/sterilization-compliance?month=YYYY-MM}: one row per sterilizer with loads completed that month. */
@RestController
public class SterilizationComplianceController {

    /** Written by the {@code sterilization-compliance} processing group (projections module). */
    static final String PROJECTION = "sterilization-compliance";
    static final String BUCKETS = "sterilization_compliance_by_sterilizer_month";

    private final MonthBuckets buckets;
    private final SterilizationTarget target;

    SterilizationComplianceController(MongoDatabase database, PastReadModels past, SterilizationTarget target) {
        this.buckets = new MonthBuckets(database, past, PROJECTION, BUCKETS, "sterilizerId");
        this.target = target;
    }

    /** {@code asOf}: the figures as they were at that instant, from the events recorded up to it. */
    @GetMapping("/api/sterilization-compliance")
    public Flux<SterilizerCompliance> sterilizationCompliance(@RequestParam YearMonth month,
                                                       @RequestParam(required = false) String sterilizerId,
                                                       @RequestParam(required = false) Instant asOf) {
        return buckets.of(month, sterilizerId, asOf)
                .filter(SterilizerCompliance::hasLoads)
                .map(bucket -> SterilizerCompliance.of(bucket, target.percent()));
    }
}

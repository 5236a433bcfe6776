package org.hospital.surveillance.query.compliance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.hospital.surveillance.events.environment.SampleType;
import org.hospital.surveillance.query.support.MonthBuckets;
import org.hospital.surveillance.rules.environment.ComplianceTargets;
import org.hospital.surveillance.rules.rates.RateArithmetic;

/** One ward's samples of one type in one month: how many were within their limit, against the type's target. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ComplianceRow(
        String wardId,
        String month,
        SampleType sampleType,
        long samples,
        long compliant,
        Double ratePercent,
        double targetPercent,
        Boolean met) {

    /** The rows of an {@code environment_compliance_by_ward_month} bucket, one per sample type present, in the types' order. */
    static List<ComplianceRow> of(Document bucket, ComplianceTargets targets) {
        Map<SampleType, long[]> counts = new EnumMap<>(SampleType.class);
        for (Document sample : MonthBuckets.entries(bucket, "samples")) {
            long[] c = counts.computeIfAbsent(SampleType.valueOf(sample.getString("sampleType")), type -> new long[2]);
            c[0]++;
            if (Boolean.TRUE.equals(sample.getBoolean("compliant"))) {
                c[1]++;
            }
        }
        List<ComplianceRow> rows = new ArrayList<>();
        counts.forEach((type, c) -> {
            Double rate = RateArithmetic.percent(c[1], c[0]);
            double target = targets.targetFor(type);
            rows.add(new ComplianceRow(bucket.getString("wardId"), bucket.getString("month"), type, c[0], c[1], rate,
                    target, RateArithmetic.met(rate, target)));
        });
        return rows;
    }
}

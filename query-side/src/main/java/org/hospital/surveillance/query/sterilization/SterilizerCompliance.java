package org.hospital.surveillance.query.sterilization;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.bson.Document;
import org.hospital.surveillance.query.support.MonthBuckets;
import org.hospital.surveillance.rules.rates.RateArithmetic;

/**
 * One sterilizer's loads completed in one month. {@code loads} counts the decided ones (passed or
 * failed); loads whose biological indicator is still incubating and that have not otherwise
 * failed are {@code pending}, outside {@code loads} and the rate.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SterilizerCompliance(
        String sterilizerId,
        String month,
        long loads,
        long passed,
        long pending,
        Double ratePercent,
        double targetPercent,
        Boolean met) {

    /** The figures of a {@code sterilization_compliance_by_sterilizer_month} bucket. */
    static SterilizerCompliance of(Document bucket, double targetPercent) {
        List<Document> loads = MonthBuckets.entries(bucket, "loads");
        long passed = loads.stream().filter(load -> "PASSED".equals(load.getString("status"))).count();
        long pending = loads.stream().filter(load -> "PENDING".equals(load.getString("status"))).count();
        long decided = loads.size() - pending;
        Double rate = RateArithmetic.percent(passed, decided);
        return new SterilizerCompliance(bucket.getString("sterilizerId"), bucket.getString("month"), decided, passed,
                pending, rate, targetPercent, RateArithmetic.met(rate, targetPercent));
    }

    static boolean hasLoads(Document bucket) {
        return !MonthBuckets.entries(bucket, "loads").isEmpty();
    }
}

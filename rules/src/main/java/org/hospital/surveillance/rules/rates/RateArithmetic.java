package org.hospital.surveillance.rules.rates;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Rates as the dashboards show them: rounded half-up to 3 decimals in exact decimal arithmetic
 * (double arithmetic would round 0.0005-boundaries either way), and null, not 0 or NaN, when
 * there is nothing to divide by (a ward with no patient-days has no rate, not a rate of zero).
 */
public final class RateArithmetic {

    private static final int DECIMALS = 3;
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private RateArithmetic() {
    }

    /** numerator / denominator × 1000 (e.g. per 1000 patient-days); null when the denominator is 0. */
    public static Double per1000(long numerator, long denominator) {
        return rate(numerator, denominator, THOUSAND);
    }

    /** numerator / denominator × 100; null when the denominator is 0. */
    public static Double percent(long numerator, long denominator) {
        return rate(numerator, denominator, HUNDRED);
    }

    /** Whether a compliance rate meets its target (at the target is met); null when there is no rate. */
    public static Boolean met(Double ratePercent, double targetPercent) {
        return ratePercent == null ? null : ratePercent >= targetPercent;
    }

    private static Double rate(long numerator, long denominator, BigDecimal scale) {
        if (numerator < 0 || denominator < 0) {
            throw new IllegalArgumentException("counts cannot be negative: " + numerator + "/" + denominator);
        }
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).multiply(scale)
                .divide(BigDecimal.valueOf(denominator), DECIMALS, RoundingMode.HALF_UP)
                .doubleValue();
    }
}

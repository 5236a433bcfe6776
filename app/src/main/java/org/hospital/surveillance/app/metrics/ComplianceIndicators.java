package org.hospital.surveillance.app.metrics;

import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.hospital.surveillance.query.compliance.ComplianceController;
import org.hospital.surveillance.query.compliance.ComplianceRow;
import org.hospital.surveillance.query.sterilization.SterilizationComplianceController;
import org.hospital.surveillance.query.sterilization.SterilizerCompliance;

/**
 * Environmental compliance per ward and sample type, and sterilization compliance per
 * sterilizer, from the same read side as {@code GET /api/compliance} and
 * {@code /api/sterilization-compliance}. Rates and targets are ratios (0..1); each row carries its
 * target under the same tags, so "under target" is a plain comparison in PromQL.
 */
final class ComplianceIndicators implements Indicator.Source {

    static final String SAMPLES = "surveillance.environment.samples";
    static final String COMPLIANT = "surveillance.environment.compliant.samples";
    static final String RATIO = "surveillance.environment.compliance.ratio";
    static final String TARGET = "surveillance.environment.compliance.target.ratio";
    static final String LOADS = "surveillance.sterilization.loads";
    static final String PASSED = "surveillance.sterilization.passed.loads";
    static final String PENDING = "surveillance.sterilization.pending.loads";
    static final String LOAD_RATIO = "surveillance.sterilization.compliance.ratio";
    static final String LOAD_TARGET = "surveillance.sterilization.compliance.target.ratio";

    private final ComplianceController environment;
    private final SterilizationComplianceController sterilization;
    private final Duration timeout;

    ComplianceIndicators(ComplianceController environment, SterilizationComplianceController sterilization,
                         Duration timeout) {
        this.environment = environment;
        this.sterilization = sterilization;
        this.timeout = timeout;
    }

    @Override
    public List<Indicator> read(YearMonth month) {
        List<Indicator> indicators = new ArrayList<>();
        for (ComplianceRow row : Indicator.Source.rows(environment.rows(month, null, null), timeout)) {
            Tags tags = Tags.of("ward", row.wardId(), "sample_type", row.sampleType().name());
            indicators.add(new Indicator(SAMPLES, "Environmental samples this month", tags, row.samples()));
            indicators.add(new Indicator(COMPLIANT, "Environmental samples within their limit this month", tags, row.compliant()));
            if (row.samples() > 0) {
                indicators.add(new Indicator(RATIO, "Share of environmental samples within their limit this month",
                        tags, (double) row.compliant() / row.samples()));
            }
            indicators.add(new Indicator(TARGET, "Target share of samples within their limit", tags, row.targetPercent() / 100.0));
        }
        for (SterilizerCompliance sterilizer : Indicator.Source.rows(sterilization.rows(month, null, null), timeout)) {
            Tags tags = Tags.of("sterilizer", sterilizer.sterilizerId());
            indicators.add(new Indicator(LOADS, "Sterilization loads decided this month (pending ones apart)", tags, sterilizer.loads()));
            indicators.add(new Indicator(PASSED, "Sterilization loads that passed every indicator this month", tags, sterilizer.passed()));
            indicators.add(new Indicator(PENDING, "Sterilization loads waiting for their biological indicator", tags, sterilizer.pending()));
            if (sterilizer.loads() > 0) {
                indicators.add(new Indicator(LOAD_RATIO, "Share of decided loads that passed this month", tags,
                        (double) sterilizer.passed() / sterilizer.loads()));
            }
            indicators.add(new Indicator(LOAD_TARGET, "Target share of loads that pass", tags, sterilizer.targetPercent() / 100.0));
        }
        return indicators;
    }
}

package org.hospital.surveillance.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.hospital.surveillance.query.alert.AlertQueryController;
import org.hospital.surveillance.query.compliance.ComplianceController;
import org.hospital.surveillance.query.rates.RatesController;
import org.hospital.surveillance.query.sterilization.SterilizationComplianceController;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.hospital.surveillance.rules.rates.RateTargets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The indicator gauges, read from the query side's own read paths (the API's figures), never by
 * a second copy of the projection logic. Settings: {@code surveillance.metrics.indicator-refresh}
 * (default 15 s, as often as Prometheus scrapes), {@code surveillance.metrics.indicator-read-timeout}
 * and {@code surveillance.metrics.max-series-per-indicator}.
 */
@Configuration(proxyBeanMethods = false)
class IndicatorMetricsConfiguration {

    @Bean
    RateIndicators rateIndicators(RatesController rates, RateTargets targets,
                                  @Value("${surveillance.metrics.indicator-read-timeout:10s}") Duration timeout) {
        return new RateIndicators(rates, targets, timeout);
    }

    @Bean
    ComplianceIndicators complianceIndicators(ComplianceController environment,
                                              SterilizationComplianceController sterilization,
                                              @Value("${surveillance.metrics.indicator-read-timeout:10s}") Duration timeout) {
        return new ComplianceIndicators(environment, sterilization, timeout);
    }

    @Bean
    AlertIndicators alertIndicators(AlertQueryController alerts,
                                    @Value("${surveillance.metrics.indicator-read-timeout:10s}") Duration timeout) {
        return new AlertIndicators(alerts, timeout);
    }

    @Bean
    IndicatorGauges indicatorGauges(ObjectProvider<Indicator.Source> sources, MeterRegistry registry,
                                    HospitalCalendar calendar, ObjectProvider<Clock> clock,
                                    @Value("${surveillance.metrics.indicator-refresh:15s}") Duration refresh,
                                    @Value("${surveillance.metrics.max-series-per-indicator:1000}") int maxSeries) {
        return new IndicatorGauges(sources.orderedStream().toList(), registry, calendar,
                clock.getIfAvailable(Clock::systemUTC), refresh, maxSeries);
    }
}

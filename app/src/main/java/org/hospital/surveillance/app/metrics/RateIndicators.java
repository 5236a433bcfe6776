package org.hospital.surveillance.app.metrics;

import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.hospital.surveillance.query.rates.RatesController;
import org.hospital.surveillance.query.rates.WardRates;
import org.hospital.surveillance.rules.rates.RateTargets;

/**
 * HAI incidence and device-associated rates per ward, from the same read side as
 * {@code GET /api/rates} (so the dashboard and the API never disagree). The per-1000 rates are the
 * API's (3 decimals); the incidence is a ratio of the counts, as Prometheus prefers; a rate whose
 * denominator is zero is left out, like the API's {@code null}.
 */
final class RateIndicators implements Indicator.Source {

    static final String CASES = "surveillance.hai.cases";
    static final String PATIENT_DAYS = "surveillance.patient.days";
    static final String ADMISSIONS = "surveillance.admissions";
    static final String DENSITY = "surveillance.hai.incidence.density.per.1000.patient.days";
    static final String INCIDENCE = "surveillance.hai.incidence.ratio";
    static final String INCIDENCE_TARGET = "surveillance.hai.incidence.target.ratio";
    static final String DEVICE_CASES = "surveillance.device.associated.hai.cases";
    static final String DEVICE_DAYS = "surveillance.device.days";
    static final String DEVICE_RATE = "surveillance.device.associated.rate.per.1000.device.days";

    private final RatesController rates;
    private final RateTargets targets;
    private final Duration timeout;

    RateIndicators(RatesController rates, RateTargets targets, Duration timeout) {
        this.rates = rates;
        this.targets = targets;
        this.timeout = timeout;
    }

    @Override
    public List<Indicator> read(YearMonth month) {
        List<Indicator> indicators = new ArrayList<>();
        indicators.add(new Indicator(INCIDENCE_TARGET, "HAI incidence (cases per admission) should stay below this",
                Tags.empty(), targets.haiIncidencePercentBelow() / 100.0));
        for (WardRates ward : Indicator.Source.rows(rates.rows(month, null, null), timeout)) {
            Tags tags = Tags.of("ward", ward.wardId());
            indicators.add(new Indicator(CASES, "HAI cases with onset this month, not retracted", tags, ward.haiCases()));
            indicators.add(new Indicator(PATIENT_DAYS, "Patient-days of the ward census this month", tags, ward.patientDays()));
            indicators.add(new Indicator(ADMISSIONS, "Admissions of the ward census this month", tags, ward.admissions()));
            if (ward.incidenceDensityPer1000PatientDays() != null) {
                indicators.add(new Indicator(DENSITY, "HAI cases per 1000 patient-days this month", tags,
                        ward.incidenceDensityPer1000PatientDays()));
            }
            if (ward.admissions() > 0) {
                indicators.add(new Indicator(INCIDENCE, "HAI cases per admission this month (cumulative incidence)",
                        tags, (double) ward.haiCases() / ward.admissions()));
            }
            ward.deviceAssociated().forEach((device, rate) -> {
                Tags deviceTags = tags.and("device", device);
                indicators.add(new Indicator(DEVICE_CASES, "Device-associated HAI cases this month", deviceTags, rate.cases()));
                indicators.add(new Indicator(DEVICE_DAYS, "Device-days of the ward census this month", deviceTags, rate.deviceDays()));
                if (rate.ratePer1000DeviceDays() != null) {
                    indicators.add(new Indicator(DEVICE_RATE, "Device-associated HAI cases per 1000 device-days this month",
                            deviceTags, rate.ratePer1000DeviceDays()));
                }
            });
        }
        return indicators;
    }
}

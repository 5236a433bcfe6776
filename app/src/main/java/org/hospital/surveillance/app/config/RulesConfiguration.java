package org.hospital.surveillance.app.config;

import java.util.EnumMap;
import java.util.Map;
import org.hospital.surveillance.events.environment.SampleType;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.hospital.surveillance.rules.cluster.ClusterRule;
import org.hospital.surveillance.rules.cluster.ClusterSettings;
import org.hospital.surveillance.rules.environment.ComplianceTargets;
import org.hospital.surveillance.rules.environment.EnvironmentLimitSettings;
import org.hospital.surveillance.rules.environment.EnvironmentLimits;
import org.hospital.surveillance.rules.labresult.HospitalOnsetRule;
import org.hospital.surveillance.rules.rates.RateTargets;
import org.hospital.surveillance.rules.sterilization.SterilizationTarget;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the framework-free rule objects from the hospital's settings; every module injects these. */
@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

    @Bean
    HospitalCalendar hospitalCalendar(SurveillanceProperties properties) {
        return new HospitalCalendar(properties.timeZone());
    }

    @Bean
    HospitalOnsetRule hospitalOnsetRule(HospitalCalendar calendar) {
        return new HospitalOnsetRule(calendar);
    }

    @Bean
    EnvironmentLimits environmentLimits(SurveillanceProperties properties) {
        SurveillanceProperties.EnvironmentLimits l = properties.environmentLimits();
        return new EnvironmentLimits(new EnvironmentLimitSettings(
                l.air(), l.surfaceClassIAndII(), l.surfaceClassIIIAndIV(), l.handsHygienic(), l.handsSurgical(),
                l.disinfectantSterilant(), l.disinfectantSkinMucosa(), l.disinfectantOther(),
                l.sterileStorageFluid(), l.sterilizedItem()));
    }

    @Bean
    ComplianceTargets complianceTargets(SurveillanceProperties properties) {
        // Start from the work plan's targets; a hospital overrides only the sample types it names.
        Map<SampleType, Double> percent = new EnumMap<>(ComplianceTargets.defaults().percent());
        percent.putAll(properties.targets().environmentPercent());
        return new ComplianceTargets(percent);
    }

    @Bean
    SterilizationTarget sterilizationTarget(SurveillanceProperties properties) {
        return new SterilizationTarget(properties.targets().sterilizationPercent());
    }

    @Bean
    RateTargets rateTargets(SurveillanceProperties properties) {
        return new RateTargets(properties.targets().haiIncidencePercentBelow());
    }

    @Bean
    ClusterSettings clusterSettings(SurveillanceProperties properties) {
        return new ClusterSettings(properties.cluster().windowDays(), properties.cluster().threshold());
    }

    @Bean
    ClusterRule clusterRule(ClusterSettings settings, HospitalCalendar calendar) {
        return new ClusterRule(settings, calendar);
    }
}

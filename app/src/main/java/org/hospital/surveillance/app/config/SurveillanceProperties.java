package org.hospital.surveillance.app.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.hospital.surveillance.events.environment.SampleType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the platform under {@code surveillance.*}. Clinical parameters default to the
 * values of domain.md; each can be overridden per hospital (also as environment variables, e.g.
 * {@code SURVEILLANCE_CLUSTER_WINDOWDAYS=7}).
 */
@Validated
@ConfigurationProperties("surveillance")
public record SurveillanceProperties(
        @DefaultValue("./data") @NotNull Path dataDir,
        @DefaultValue("UTC") @NotNull ZoneId timeZone,
        @DefaultValue List<@Valid User> users,
        @DefaultValue @Valid Cluster cluster,
        @DefaultValue @Valid EnvironmentLimits environmentLimits,
        @DefaultValue @Valid Targets targets) {

    /** A user of the API; the password carries Spring Security's {@code {id}} prefix. */
    public record User(@NotBlank String name, @NotBlank String password, @DefaultValue List<String> roles) {
    }

    /** The outbreak early-warning rule: {@code threshold} distinct patients within {@code windowDays}. */
    public record Cluster(@DefaultValue("14") @Min(1) int windowDays, @DefaultValue("3") @Min(1) int threshold) {
    }

    /** GB 15982-2012 acceptance limits (CFU per plate, per cm² or per mL). */
    public record EnvironmentLimits(
            @DefaultValue("4.0") double air,
            @DefaultValue("5.0") double surfaceClassIAndII,
            @DefaultValue("10.0") double surfaceClassIIIAndIV,
            @DefaultValue("10.0") double handsHygienic,
            @DefaultValue("5.0") double handsSurgical,
            @DefaultValue("0.0") double disinfectantSterilant,
            @DefaultValue("10.0") double disinfectantSkinMucosa,
            @DefaultValue("100.0") double disinfectantOther,
            @DefaultValue("0.0") double sterileStorageFluid,
            @DefaultValue("0.0") double sterilizedItem) {
    }

    /** Targets from the hospital's work plan, in percent. */
    public record Targets(
            @DefaultValue Map<SampleType, Double> environmentPercent,
            @DefaultValue("100.0") double sterilizationPercent,
            @DefaultValue("8.0") double haiIncidencePercentBelow) {
    }
}

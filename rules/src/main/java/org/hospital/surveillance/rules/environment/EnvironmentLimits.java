package org.hospital.surveillance.rules.environment;

import java.util.Objects;
import org.hospital.surveillance.events.environment.EnvironmentSample;

/**
 * The acceptance limit of a hygiene-monitoring sample and whether it is met. A sample exactly at
 * its limit is compliant (GB 15982 limits read "≤"); any value above it raises an environment alert.
 */
public final class EnvironmentLimits {

    private final EnvironmentLimitSettings settings;

    public EnvironmentLimits(EnvironmentLimitSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * The limit for the sample's type and qualifier. Qualifiers that do not apply to the type are
     * ignored.
     *
     * @throws IllegalArgumentException naming the qualifier the type needs when it is missing:
     *         environmentClass (AIR, SURFACE), handDisinfection (HANDS), disinfectantUse (DISINFECTANT_IN_USE)
     */
    public double limitFor(EnvironmentSample sample) {
        Objects.requireNonNull(sample.sampleType(), "sampleType");
        return switch (sample.sampleType()) {
            // Classes differ only in exposure time (30/15/5 min), not in the count per plate.
            case AIR -> {
                required(sample.environmentClass(), "environmentClass", sample);
                yield settings.air();
            }
            case SURFACE -> switch (required(sample.environmentClass(), "environmentClass", sample)) {
                case I, II -> settings.surfaceClassIandII();
                case III, IV -> settings.surfaceClassIIIandIV();
            };
            case HANDS -> switch (required(sample.handDisinfection(), "handDisinfection", sample)) {
                case HYGIENIC -> settings.handsHygienic();
                case SURGICAL -> settings.handsSurgical();
            };
            case DISINFECTANT_IN_USE -> switch (required(sample.disinfectantUse(), "disinfectantUse", sample)) {
                case STERILANT -> settings.disinfectantSterilant();
                case SKIN_MUCOSA -> settings.disinfectantSkinMucosa();
                case OTHER -> settings.disinfectantOther();
            };
            case STERILE_STORAGE_FLUID -> settings.sterileStorageFluid();
            case STERILIZED_ITEM -> settings.sterilizedItem();
        };
    }

    /** True when the sample's CFU is at or below its limit. */
    public boolean isCompliant(EnvironmentSample sample) {
        return sample.cfu() <= limitFor(sample);
    }

    private static <T> T required(T qualifier, String name, EnvironmentSample sample) {
        if (qualifier == null) {
            throw new IllegalArgumentException(name + " is required for " + sample.sampleType() + " samples");
        }
        return qualifier;
    }
}

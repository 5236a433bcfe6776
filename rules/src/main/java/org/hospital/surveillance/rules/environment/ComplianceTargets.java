package org.hospital.surveillance.rules.environment;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.hospital.surveillance.events.environment.SampleType;
import org.hospital.surveillance.rules.TargetPercents;

/** The target compliance rate (percent of samples within the limit) for each sample type. */
public record ComplianceTargets(Map<SampleType, Double> percent) {

    /** Requires a target between 0 and 100 for every sample type, so {@link #targetFor} never fails. */
    public ComplianceTargets {
        Objects.requireNonNull(percent, "percent");
        EnumMap<SampleType, Double> copy = new EnumMap<>(SampleType.class);
        for (SampleType type : SampleType.values()) {
            Double target = percent.get(type);
            if (target == null) {
                throw new IllegalArgumentException("a compliance target is required for " + type);
            }
            copy.put(type, TargetPercents.require("compliance target for " + type, target));
        }
        percent = Collections.unmodifiableMap(copy);
    }

    /** The seeds' targets: air, surfaces and hands >= 98 %; disinfectant in use, sterile-storage fluid and sterilized items 100 %. */
    public static ComplianceTargets defaults() {
        return new ComplianceTargets(Map.of(
                SampleType.AIR, 98.0,
                SampleType.SURFACE, 98.0,
                SampleType.HANDS, 98.0,
                SampleType.DISINFECTANT_IN_USE, 100.0,
                SampleType.STERILE_STORAGE_FLUID, 100.0,
                SampleType.STERILIZED_ITEM, 100.0));
    }

    public double targetFor(SampleType type) {
        return percent.get(Objects.requireNonNull(type, "type"));
    }
}

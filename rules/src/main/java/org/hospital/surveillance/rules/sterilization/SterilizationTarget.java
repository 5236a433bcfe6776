package org.hospital.surveillance.rules.sterilization;

import org.hospital.surveillance.rules.TargetPercents;

/** The target share of loads that pass every indicator, in percent. */
public record SterilizationTarget(double percent) {

    public SterilizationTarget {
        TargetPercents.require("sterilization target", percent);
    }

    /** The seeds' target: every load passes. */
    public static SterilizationTarget defaults() {
        return new SterilizationTarget(100.0);
    }
}

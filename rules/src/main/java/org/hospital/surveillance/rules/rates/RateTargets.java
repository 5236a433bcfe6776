package org.hospital.surveillance.rules.rates;

import org.hospital.surveillance.rules.TargetPercents;

/** Targets for the HAI rates: the cumulative incidence should stay below this percentage. */
public record RateTargets(double haiIncidencePercentBelow) {

    public RateTargets {
        TargetPercents.require("haiIncidencePercentBelow", haiIncidencePercentBelow);
    }

    /** The seeds' target: HAI incidence below 8 %. */
    public static RateTargets defaults() {
        return new RateTargets(8.0);
    }
}

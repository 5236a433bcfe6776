package org.hospital.surveillance.rules;

/** Validation shared by the target settings: a target is a percentage, so it lies within 0..100. */
public final class TargetPercents {

    private TargetPercents() {
    }

    /** Returns the target, or throws IllegalArgumentException naming it when outside 0..100 (or NaN). */
    public static double require(String name, double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException(name + " must be within 0..100 percent, was " + percent);
        }
        return percent;
    }
}

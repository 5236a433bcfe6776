package org.hospital.surveillance.rules.cluster;

/**
 * The cluster rule's parameters: {@code threshold} distinct patients whose case dates are at most
 * {@code windowDays} calendar days apart (earliest to latest).
 */
public record ClusterSettings(int windowDays, int threshold) {

    public ClusterSettings {
        if (windowDays < 1) {
            throw new IllegalArgumentException("windowDays must be >= 1, was " + windowDays);
        }
        // 1 would alert on every single case; allowed for what-if questions, though 2 or more is what makes a cluster.
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be >= 1, was " + threshold);
        }
    }

    /** The seed rule: three cases of the same kind within 14 days. */
    public static ClusterSettings defaults() {
        return new ClusterSettings(14, 3);
    }
}

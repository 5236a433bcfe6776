package org.hospital.surveillance.command.sterilization;

import java.time.Instant;

/** A biological indicator cannot be read before its cycle ended: the reading belongs to another load or is mistyped. */
public class ReadingBeforeCycleCompleted extends RuntimeException {
    private final transient Instant completedAt;

    public ReadingBeforeCycleCompleted(String loadId, Instant completedAt) {
        super("The biological indicator of load " + loadId + " cannot be read before the cycle completed at " + completedAt);
        this.completedAt = completedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }
}

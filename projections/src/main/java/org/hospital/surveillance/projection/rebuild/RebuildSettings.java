package org.hospital.surveillance.projection.rebuild;

import java.time.Duration;

/**
 * How a rebuild runs.
 *
 * @param flushEvery         events read between two bulk writes of the new generation (bounds the buffer)
 * @param switchWithin       a pass over the history that read at most this many events counts as caught up:
 *                           the live processors are then paused for one last short pass and the switch
 * @param dropGrace          how long the replaced generation is kept after the switch, so a query that had
 *                           already looked up the old collection still finds it
 * @param maxEventsPerSecond a ceiling on the rebuild's pace, so it does not starve the live processors on a
 *                           small machine; 0 for none
 */
public record RebuildSettings(int flushEvery, int switchWithin, Duration dropGrace, double maxEventsPerSecond) {

    public RebuildSettings {
        if (flushEvery < 1 || switchWithin < 0 || dropGrace.isNegative() || maxEventsPerSecond < 0) {
            throw new IllegalArgumentException("Invalid rebuild settings");
        }
    }

    public static RebuildSettings defaults() {
        return new RebuildSettings(50_000, 500, Duration.ofSeconds(5), 0);
    }
}

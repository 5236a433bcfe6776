package org.hospital.surveillance.events.sterilization;

import java.time.Instant;

/** One sterilizer cycle and its indicators, as the sterile-supply department records it. */
public record SterilizationLoad(
        String loadId,
        String sterilizerId,
        CycleType cycleType,
        Instant completedAt,
        BowieDickResult bowieDick,
        IndicatorResult chemicalIndicator,
        BiologicalIndicatorResult biologicalIndicator,
        int packs) {
}

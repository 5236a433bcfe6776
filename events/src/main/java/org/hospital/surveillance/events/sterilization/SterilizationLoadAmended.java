package org.hospital.surveillance.events.sterilization;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A load re-submitted with changed content; the new version replaces the old one. Flat: the fact's
 * fields themselves, as submitted, nothing derived. Revision 2; older rows are brought forward by
 * {@link SterilizationLoadUpcasters}.
 */
@Revision("2")
public record SterilizationLoadAmended(
        String loadId,
        String sterilizerId,
        CycleType cycleType,
        Instant completedAt,
        BowieDickResult bowieDick,
        IndicatorResult chemicalIndicator,
        BiologicalIndicatorResult biologicalIndicator,
        int packs) {
    /** The event that states the whole of a submitted fact. */
    public SterilizationLoadAmended(SterilizationLoad fact) {
        this(fact.loadId(), fact.sterilizerId(), fact.cycleType(), fact.completedAt(), fact.bowieDick(),
                fact.chemicalIndicator(), fact.biologicalIndicator(), fact.packs());
    }

    /** The fact this event states, as the aggregate and the rules take it. */
    public SterilizationLoad load() {
        return new SterilizationLoad(loadId, sterilizerId, cycleType, completedAt, bowieDick, chemicalIndicator, biologicalIndicator,
                packs);
    }
}

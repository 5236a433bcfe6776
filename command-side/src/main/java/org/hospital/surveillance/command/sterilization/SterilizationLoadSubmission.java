package org.hospital.surveillance.command.sterilization;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Instant;
import org.hospital.surveillance.command.intake.FactKey;
import org.hospital.surveillance.command.intake.NotInFuture;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorResult;
import org.hospital.surveillance.events.sterilization.BowieDickResult;
import org.hospital.surveillance.events.sterilization.CycleType;
import org.hospital.surveillance.events.sterilization.IndicatorResult;
import org.hospital.surveillance.events.sterilization.SterilizationLoad;

/**
 * Body of {@code POST /api/sterilization-loads}. Every indicator is required; a load without a
 * Bowie-Dick test says NOT_DONE (which fails a pre-vacuum steam load), and a biological
 * indicator still incubating says PENDING.
 */
public record SterilizationLoadSubmission(
        @FactKey String loadId,
        @FactKey String sterilizerId,
        @NotNull CycleType cycleType,
        @NotNull @NotInFuture Instant completedAt,
        @NotNull BowieDickResult bowieDick,
        @NotNull IndicatorResult chemicalIndicator,
        @NotNull BiologicalIndicatorResult biologicalIndicator,
        @NotNull @PositiveOrZero Integer packs) {

    public SterilizationLoad toFact() {
        return new SterilizationLoad(loadId, sterilizerId, cycleType, completedAt, bowieDick, chemicalIndicator,
                biologicalIndicator, packs);
    }
}

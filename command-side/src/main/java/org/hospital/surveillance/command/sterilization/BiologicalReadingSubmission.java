package org.hospital.surveillance.command.sterilization;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import org.hospital.surveillance.command.intake.NotInFuture;
import org.hospital.surveillance.events.sterilization.IndicatorResult;

/** Body of {@code POST /api/sterilization-loads/{loadId}/biological-indicator}: PASS or FAIL, never PENDING. */
public record BiologicalReadingSubmission(@NotNull IndicatorResult result, @NotNull @NotInFuture Instant readAt) {

    public RecordBiologicalReading toCommand(String loadId) {
        return new RecordBiologicalReading(loadId, result, readAt);
    }
}

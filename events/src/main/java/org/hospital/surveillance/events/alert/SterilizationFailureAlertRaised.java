package org.hospital.surveillance.events.alert;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A load failed an indicator: its items must be recalled and must not reach clinical departments. */
@Revision("1")
public record SterilizationFailureAlertRaised(
        String alertId, String loadId, String sterilizerId, List<String> failedIndicators, Instant completedAt) {

    public SterilizationFailureAlertRaised {
        failedIndicators = List.copyOf(failedIndicators);
    }
}

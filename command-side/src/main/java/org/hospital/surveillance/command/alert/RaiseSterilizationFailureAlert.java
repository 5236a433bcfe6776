package org.hospital.surveillance.command.alert;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hospital.surveillance.events.alert.AlertIds;

public record RaiseSterilizationFailureAlert(
        String alertId, String loadId, String sterilizerId, List<String> failedIndicators, Instant completedAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AlertIds.aggregateId(alertId);
    }
}

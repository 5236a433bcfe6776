package org.hospital.surveillance.command.alert;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hospital.surveillance.events.alert.AlertIds;
import org.hospital.surveillance.events.alert.CloseOutcome;

public record CloseAlert(String alertId, CloseOutcome outcome, String note) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AlertIds.aggregateId(alertId);
    }
}

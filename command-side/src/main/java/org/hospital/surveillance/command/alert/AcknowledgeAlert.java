package org.hospital.surveillance.command.alert;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hospital.surveillance.events.alert.AlertIds;

public record AcknowledgeAlert(String alertId, String note) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AlertIds.aggregateId(alertId);
    }
}

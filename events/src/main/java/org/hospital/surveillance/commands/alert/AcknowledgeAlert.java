package org.hospital.surveillance.commands.alert;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AcknowledgeAlert(String alertId, String note) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AlertIds.aggregateId(alertId);
    }
}

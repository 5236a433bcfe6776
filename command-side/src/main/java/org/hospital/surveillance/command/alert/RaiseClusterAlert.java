package org.hospital.surveillance.command.alert;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hospital.surveillance.events.alert.AlertIds;
import org.hospital.surveillance.events.alert.ClusterCase;

public record RaiseClusterAlert(String alertId, String wardId, String organism, String phenotype, List<ClusterCase> cases) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AlertIds.aggregateId(alertId);
    }
}

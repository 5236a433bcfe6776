package org.hospital.surveillance.command.alert;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hospital.surveillance.events.alert.AlertIds;
import org.hospital.surveillance.events.environment.SampleType;

public record RaiseEnvironmentAlert(
        String alertId, String wardId, String sampleId, SampleType sampleType, double cfu, double limit,
        Instant collectedAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AlertIds.aggregateId(alertId);
    }
}

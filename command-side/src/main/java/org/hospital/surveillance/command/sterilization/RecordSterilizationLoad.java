package org.hospital.surveillance.command.sterilization;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hospital.surveillance.events.StreamKeys;
import org.hospital.surveillance.events.sterilization.SterilizationLoad;

/** A sterilizer cycle and its indicators, submitted (again) by the sterile-supply department. */
public record RecordSterilizationLoad(SterilizationLoad load) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return StreamKeys.sterilizationLoad(load.loadId());
    }
}

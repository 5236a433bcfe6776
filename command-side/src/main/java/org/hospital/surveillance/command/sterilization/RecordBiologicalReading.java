package org.hospital.surveillance.command.sterilization;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hospital.surveillance.events.StreamKeys;
import org.hospital.surveillance.events.sterilization.IndicatorResult;

/** The biological indicator of a recorded load, read after incubation. */
public record RecordBiologicalReading(String loadId, IndicatorResult result, Instant readAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return StreamKeys.sterilizationLoad(loadId);
    }
}

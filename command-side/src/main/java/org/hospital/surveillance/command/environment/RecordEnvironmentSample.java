package org.hospital.surveillance.command.environment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hospital.surveillance.events.StreamKeys;
import org.hospital.surveillance.events.environment.EnvironmentSample;

/** A hygiene-monitoring sample result, submitted (again) under its sample id. */
public record RecordEnvironmentSample(EnvironmentSample sample) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return StreamKeys.environmentSample(sample.sampleId());
    }
}

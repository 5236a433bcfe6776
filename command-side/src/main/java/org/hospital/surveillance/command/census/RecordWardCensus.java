package org.hospital.surveillance.command.census;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hospital.surveillance.events.StreamKeys;
import org.hospital.surveillance.events.census.WardCensus;

/** A ward's census for one day, submitted (again) by the ward. */
public record RecordWardCensus(WardCensus census) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return StreamKeys.wardCensus(census.wardId(), census.date());
    }
}

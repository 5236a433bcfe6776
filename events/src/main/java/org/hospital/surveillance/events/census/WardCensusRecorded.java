package org.hospital.surveillance.events.census;

import org.axonframework.serialization.Revision;

@Revision("1")
public record WardCensusRecorded(WardCensus census) {
}

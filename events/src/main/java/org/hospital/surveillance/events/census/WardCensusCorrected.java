package org.hospital.surveillance.events.census;

import org.axonframework.serialization.Revision;

/** A later census for the same ward and day; it replaces the earlier one everywhere. */
@Revision("1")
public record WardCensusCorrected(WardCensus census) {
}

package org.hospital.surveillance.events.sterilization;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The late reading of a load's biological indicator, days after the cycle. */
@Revision("1")
public record BiologicalIndicatorRead(String loadId, IndicatorResult result, Instant readAt) {
}

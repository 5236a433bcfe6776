package org.hospital.surveillance.events.alert;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.hospital.surveillance.events.environment.SampleType;

/** An environment sample measured above its acceptance limit. */
@Revision("1")
public record EnvironmentAlertRaised(
        String alertId, String wardId, String sampleId, SampleType sampleType, double cfu, double limit,
        Instant collectedAt) {
}

package org.hospital.surveillance.events.environment;

import org.axonframework.serialization.Revision;

@Revision("1")
public record EnvironmentSampleAmended(EnvironmentSample sample) {
}

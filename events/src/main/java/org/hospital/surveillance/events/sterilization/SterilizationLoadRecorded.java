package org.hospital.surveillance.events.sterilization;

import org.axonframework.serialization.Revision;

@Revision("1")
public record SterilizationLoadRecorded(SterilizationLoad load) {
}

package org.hospital.surveillance.events.alert;

import org.axonframework.serialization.Revision;

/** A nurse has seen the alert and is investigating; who did it is in the event's metadata. */
@Revision("1")
public record AlertAcknowledged(String alertId, String note) {
}

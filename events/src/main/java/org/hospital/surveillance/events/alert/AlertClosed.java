package org.hospital.surveillance.events.alert;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AlertClosed(String alertId, CloseOutcome outcome, String note) {
}

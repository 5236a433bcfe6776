package org.hospital.surveillance.events.alert;

import org.axonframework.serialization.Revision;

/** A case left a cluster alert: it was retracted, or amended so that it no longer matches. */
@Revision("1")
public record ClusterCaseWithdrawn(String alertId, String source) {
}

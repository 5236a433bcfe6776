package org.hospital.surveillance.events.alert;

import org.axonframework.serialization.Revision;

/** A further matching case joined an open cluster alert. */
@Revision("1")
public record ClusterCaseAdded(String alertId, ClusterCase clusterCase) {
}

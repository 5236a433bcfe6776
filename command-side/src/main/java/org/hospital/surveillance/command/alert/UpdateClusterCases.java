package org.hospital.surveillance.command.alert;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hospital.surveillance.events.alert.AlertIds;
import org.hospital.surveillance.events.alert.ClusterCase;

/**
 * The cluster's complete current membership as the detector computed it. The alert appends
 * {@code ClusterCaseAdded} / {@code ClusterCaseWithdrawn} for the difference only, so sending it
 * twice changes nothing. Ignored once the alert is closed.
 */
public record UpdateClusterCases(String alertId, List<ClusterCase> cases) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AlertIds.aggregateId(alertId);
    }
}

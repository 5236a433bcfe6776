package org.hospital.surveillance.events.alert;

import java.util.List;
import org.axonframework.serialization.Revision;

/** Enough similar cases (same ward, organism and phenotype, within the window) to suspect an outbreak. */
@Revision("1")
public record ClusterAlertRaised(String alertId, String wardId, String organism, String phenotype, List<ClusterCase> cases) {

    public ClusterAlertRaised {
        cases = List.copyOf(cases);
    }
}

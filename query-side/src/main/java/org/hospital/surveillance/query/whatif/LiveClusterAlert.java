package org.hospital.surveillance.query.whatif;

import java.time.Instant;
import java.util.List;
import org.hospital.surveillance.events.alert.ClusterCase;
import org.hospital.surveillance.rules.cluster.ClusterKey;

/**
 * A cluster alert the live rule raised, as its own events left it: its key, its current cases
 * (raised with, plus added, minus withdrawn), its status and when it was raised.
 */
record LiveClusterAlert(String alertId, String wardId, String organism, String phenotype, List<ClusterCase> cases,
                        String status, Instant raisedAt) {

    LiveClusterAlert {
        cases = List.copyOf(cases);
    }

    ClusterKey key() {
        return ClusterKey.of(wardId, organism, phenotype);
    }
}

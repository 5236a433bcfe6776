package org.hospital.surveillance.rules.cluster;

import java.util.Objects;
import org.hospital.surveillance.events.alert.AlertIds;
import org.hospital.surveillance.rules.OrganismNames;

/**
 * What makes cases "of the same kind": ward, organism and resistance phenotype, the latter two
 * normalised (a missing phenotype is its own class ""). Always normalised, however it is built.
 */
public record ClusterKey(String wardId, String organism, String phenotype) {

    public ClusterKey {
        Objects.requireNonNull(wardId, "wardId");
        organism = OrganismNames.normalise(organism);
        phenotype = OrganismNames.normalise(phenotype);
    }

    public static ClusterKey of(String wardId, String organism, String phenotype) {
        return new ClusterKey(wardId, organism, phenotype);
    }

    /** The deterministic id of this key's {@code ordinal}-th cluster alert (1 for the first). */
    public String alertId(int ordinal) {
        return AlertIds.cluster(wardId, organism, phenotype, ordinal);
    }
}

package org.hospital.surveillance.query.whatif;

import java.time.Instant;
import org.hospital.surveillance.rules.cluster.ClusterKey;
import org.hospital.surveillance.rules.cluster.ClusterSettings;

/**
 * An epidemiologist's question: which cluster alerts would a rule with these parameters have
 * raised for the cases dated in [from, to)? {@code windowDays} and {@code threshold} default to the
 * live rule's, {@code match} to ORGANISM_AND_PHENOTYPE and {@code scope} to WARD (the live rule's
 * grouping), so a question can change one thing at a time ({@link WhatIfRequest}).
 */
record WhatIfQuestion(Instant from, Instant to, ClusterSettings settings, Match match, Scope scope) {

    /** What makes cases "of the same kind". */
    enum Match { ORGANISM_AND_PHENOTYPE, ORGANISM }

    /** Where cases of the same kind must be to count together. */
    enum Scope { WARD, HOSPITAL }

    boolean inPeriod(Instant caseAt) {
        return !caseAt.isBefore(from) && caseAt.isBefore(to);
    }

    /**
     * The group a case (or a live alert) of the live key falls in under this question: the ward
     * only in WARD scope, the phenotype only when matching on it. Null stands for "any".
     */
    Group groupOf(ClusterKey key) {
        return new Group(scope == Scope.WARD ? key.wardId() : null, key.organism(),
                match == Match.ORGANISM_AND_PHENOTYPE ? key.phenotype() : null);
    }

    /** Cases of one group are of the same kind under this question (organism and phenotype normalised). */
    record Group(String wardId, String organism, String phenotype) {
    }
}

package org.hospital.surveillance.query.whatif;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Set;
import org.hospital.surveillance.query.support.RequestBodyFields;
import org.hospital.surveillance.rules.cluster.ClusterKey;
import org.hospital.surveillance.rules.cluster.ClusterSettings;
import org.springframework.validation.BindException;

/**
 * An epidemiologist's question: which cluster alerts would a rule with these parameters have
 * raised for the cases dated in [from, to)? {@code windowDays} and {@code threshold} default to the
 * live rule's, {@code match} to ORGANISM_AND_PHENOTYPE and {@code scope} to WARD (the live rule's
 * grouping), so a question can change one thing at a time.
 */
record WhatIfQuestion(Instant from, Instant to, ClusterSettings settings, Match match, Scope scope) {

    /** What makes cases "of the same kind". */
    enum Match { ORGANISM_AND_PHENOTYPE, ORGANISM }

    /** Where cases of the same kind must be to count together. */
    enum Scope { WARD, HOSPITAL }

    private static final Set<String> FIELDS = Set.of("from", "to", "windowDays", "threshold", "match", "scope");

    /** Reads the request body, naming every bad field in one 400. */
    static WhatIfQuestion read(JsonNode body, ClusterSettings live) throws BindException {
        RequestBodyFields fields = RequestBodyFields.of(body, FIELDS);
        Instant from = required(fields, "from", fields.instant("from"));
        Instant to = required(fields, "to", fields.instant("to"));
        if (from != null && to != null && !from.isBefore(to)) {
            fields.reject("to", "must be after from");
        }
        Integer windowDays = fields.wholeNumber("windowDays");
        if (windowDays != null && windowDays < 1) {
            fields.reject("windowDays", "must be at least 1");
        }
        Integer threshold = fields.wholeNumber("threshold");
        if (threshold != null && threshold < 2) {
            fields.reject("threshold", "must be at least 2 (one case is not a cluster)");
        }
        Match match = fields.oneOf("match", Match.class);
        Scope scope = fields.oneOf("scope", Scope.class);
        fields.throwIfInvalid();
        return new WhatIfQuestion(from, to,
                new ClusterSettings(windowDays == null ? live.windowDays() : windowDays,
                        threshold == null ? live.threshold() : threshold),
                match == null ? Match.ORGANISM_AND_PHENOTYPE : match,
                scope == null ? Scope.WARD : scope);
    }

    private static Instant required(RequestBodyFields fields, String field, Instant value) {
        if (value == null && !fields.hasProblem(field)) {
            fields.reject(field, "is required");
        }
        return value;
    }

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

package org.hospital.surveillance.query.whatif;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A cluster alert the what-if rule would have raised, in the fields of GET /api/alerts that apply
 * to it. No {@code alertId}, {@code status} or {@code raisedAt}: nobody raised it. {@code formedOn}
 * is the case date on which the rule's threshold was reached (when it would have fired, on the
 * epidemic's own clock). With scope HOSPITAL {@code wardIds} lists the wards of its cases instead
 * of one {@code wardId}; matching on ORGANISM, {@code phenotypes} lists the phenotypes among its
 * cases instead of one {@code phenotype}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WhatIfAlert(
        String type,
        String wardId,
        List<String> wardIds,
        String organism,
        String phenotype,
        List<String> phenotypes,
        int caseCount,
        List<String> patientIds,
        Instant firstCaseAt,
        Instant lastCaseAt,
        LocalDate formedOn,
        String detail,
        @JsonIgnore WhatIfQuestion.Group group) {
}

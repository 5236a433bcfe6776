package org.hospital.surveillance.rules.cluster;

import java.time.Instant;
import java.util.Objects;

/**
 * A case that may belong to a cluster: its fact ({@code source}, e.g. {@code lab-result:L-001}),
 * the patient, and its case time (culture collection or HAI onset).
 */
public record CandidateCase(String source, String patientId, Instant caseAt) {

    public CandidateCase {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(caseAt, "caseAt");
    }
}

package org.hospital.surveillance.events.alert;

import java.time.Instant;

/**
 * One case behind a cluster alert: the fact it comes from ({@code source}, e.g.
 * {@code lab-result:L-001} or {@code case-report:C-001}), the patient, and its case date
 * (culture collection or onset time).
 */
public record ClusterCase(String source, String patientId, Instant caseAt) {
}

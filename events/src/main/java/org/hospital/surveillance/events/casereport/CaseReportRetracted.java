package org.hospital.surveillance.events.casereport;

import org.axonframework.serialization.Revision;

/** The case no longer counts anywhere; the history keeps both the report and this retraction. */
@Revision("1")
public record CaseReportRetracted(String caseId, String reason) {
}

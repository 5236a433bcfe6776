package org.hospital.surveillance.events.casereport;

import org.axonframework.serialization.Revision;

@Revision("1")
public record CaseReported(CaseReport report) {
}

package org.hospital.surveillance.command.casereport;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hospital.surveillance.events.StreamKeys;
import org.hospital.surveillance.events.casereport.CaseReport;

/** A clinician's report of an HAI or a notifiable disease, submitted (again) under its case id. */
public record ReportCase(CaseReport report) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return StreamKeys.caseReport(report.caseId());
    }
}

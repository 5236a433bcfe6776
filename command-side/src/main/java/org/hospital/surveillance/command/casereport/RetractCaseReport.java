package org.hospital.surveillance.command.casereport;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hospital.surveillance.events.StreamKeys;

/** The case was reported in error: it no longer counts anywhere, while the history keeps it. */
public record RetractCaseReport(String caseId, String reason) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return StreamKeys.caseReport(caseId);
    }
}

package org.hospital.surveillance.command.labresult;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hospital.surveillance.events.StreamKeys;
import org.hospital.surveillance.events.labresult.LabResult;

/** A microbiology result, issued (or re-issued) by the lab under its accession number. */
public record RecordLabResult(LabResult labResult) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return StreamKeys.labResult(labResult.accessionNumber());
    }
}

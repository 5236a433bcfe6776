package org.hospital.surveillance.command.labresult;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.hospital.surveillance.command.WriteOutcome;
import org.hospital.surveillance.events.StreamKeys;
import org.hospital.surveillance.events.labresult.LabResult;
import org.hospital.surveillance.events.labresult.LabResultAmended;
import org.hospital.surveillance.events.labresult.LabResultRecorded;

/** One specimen under its accession number, and the latest result the lab issued for it. */
@Aggregate
public class LabResultAggregate {
    @AggregateIdentifier
    private String id;
    private LabResult result;

    protected LabResultAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WriteOutcome handle(RecordLabResult command) {
        return WriteOutcome.decide(result, command.labResult(), LabResultRecorded::new, LabResultAmended::new);
    }

    @EventSourcingHandler
    void on(LabResultRecorded event) {
        id = StreamKeys.labResult(event.accessionNumber());
        result = event.labResult();
    }

    @EventSourcingHandler
    void on(LabResultAmended event) {
        result = event.labResult();
    }
}

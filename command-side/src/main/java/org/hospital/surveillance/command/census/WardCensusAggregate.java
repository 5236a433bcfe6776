package org.hospital.surveillance.command.census;

import java.time.LocalDate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.hospital.surveillance.command.WriteOutcome;
import org.hospital.surveillance.events.StreamKeys;
import org.hospital.surveillance.events.census.WardCensus;
import org.hospital.surveillance.events.census.WardCensusCorrected;
import org.hospital.surveillance.events.census.WardCensusRecorded;

/** One ward's census for one calendar day: the first submission records it, a changed one corrects it. */
@Aggregate
public class WardCensusAggregate {
    @AggregateIdentifier
    private String id;
    private WardCensus census;

    protected WardCensusAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WriteOutcome handle(RecordWardCensus command) {
        return WriteOutcome.decide(census, command.census(), WardCensusRecorded::new, WardCensusCorrected::new);
    }

    @EventSourcingHandler
    void on(WardCensusRecorded event) {
        id = StreamKeys.wardCensus(event.wardId(), event.date());
        census = event.census();
    }

    @EventSourcingHandler
    void on(WardCensusCorrected event) {
        census = event.census();
    }
}

package org.hospital.surveillance.command.sterilization;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.hospital.surveillance.command.WriteOutcome;
import org.hospital.surveillance.events.StreamKeys;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorRead;
import org.hospital.surveillance.events.sterilization.SterilizationLoad;
import org.hospital.surveillance.events.sterilization.SterilizationLoadAmended;
import org.hospital.surveillance.events.sterilization.SterilizationLoadRecorded;

/**
 * One sterilizer load: the cycle as recorded, and the late reading of its biological indicator,
 * which arrives days later and is kept apart so that a re-submitted load does not erase it.
 */
@Aggregate
public class SterilizationLoadAggregate {
    @AggregateIdentifier
    private String id;
    private SterilizationLoad load;
    private BiologicalIndicatorRead reading;

    protected SterilizationLoadAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WriteOutcome handle(RecordSterilizationLoad command) {
        return WriteOutcome.decide(load, command.load(), SterilizationLoadRecorded::new, SterilizationLoadAmended::new);
    }

    /**
     * Only for a recorded load (Axon answers an unknown one with AggregateNotFoundException). A
     * different reading of the same indicator (a corrected result or time) is appended as a new
     * reading that replaces the earlier one.
     */
    @CommandHandler
    public WriteOutcome handle(RecordBiologicalReading command) {
        if (command.readAt().isBefore(load.completedAt())) {
            throw new ReadingBeforeCycleCompleted(load.loadId(), load.completedAt());
        }
        BiologicalIndicatorRead submitted = new BiologicalIndicatorRead(load.loadId(), command.result(), command.readAt());
        return WriteOutcome.decide(reading, submitted, read -> read, read -> read);
    }

    @EventSourcingHandler
    void on(SterilizationLoadRecorded event) {
        id = StreamKeys.sterilizationLoad(event.loadId());
        load = event.load();
    }

    @EventSourcingHandler
    void on(SterilizationLoadAmended event) {
        load = event.load();
    }

    @EventSourcingHandler
    void on(BiologicalIndicatorRead event) {
        reading = event;
    }
}

package org.hospital.surveillance.command.environment;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.hospital.surveillance.command.WriteOutcome;
import org.hospital.surveillance.events.StreamKeys;
import org.hospital.surveillance.events.environment.EnvironmentSample;
import org.hospital.surveillance.events.environment.EnvironmentSampleAmended;
import org.hospital.surveillance.events.environment.EnvironmentSampleRecorded;

/** One hygiene-monitoring sample (air, surface, hands, disinfectant, ...) and its latest result. */
@Aggregate
public class EnvironmentSampleAggregate {
    @AggregateIdentifier
    private String id;
    private EnvironmentSample sample;

    protected EnvironmentSampleAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WriteOutcome handle(RecordEnvironmentSample command) {
        return WriteOutcome.decide(sample, command.sample(), EnvironmentSampleRecorded::new, EnvironmentSampleAmended::new);
    }

    @EventSourcingHandler
    void on(EnvironmentSampleRecorded event) {
        id = StreamKeys.environmentSample(event.sampleId());
        sample = event.sample();
    }

    @EventSourcingHandler
    void on(EnvironmentSampleAmended event) {
        sample = event.sample();
    }
}

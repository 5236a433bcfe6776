package org.hospital.surveillance.command;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.hospital.surveillance.events.EventMetadata;
import org.hospital.surveillance.command.intake.IntakeSettings;
import org.hospital.surveillance.command.intake.IntakeWorkers;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the write side needs from Axon besides its aggregates and controllers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeSettings.class)
public class WriteSideConfiguration {

    /**
     * Copies who submitted a fact, through which channel and when it arrived from the command onto
     * every event the command appends (Axon's Spring Boot configuration collects every
     * CorrelationDataProvider bean).
     */
    @Bean
    public CorrelationDataProvider submissionMetadataProvider() {
        return new SimpleCorrelationDataProvider(EventMetadata.PRINCIPAL, EventMetadata.CHANNEL, EventMetadata.RECEIVED_AT);
    }

    /**
     * Axon's own provider of {@code correlationId} and {@code traceId} (which event or command
     * caused a message) is declared conditional on no other CorrelationDataProvider bean, so the
     * bean above would switch it off: declare it again.
     */
    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** The threads that record facts, bounded (intake/IntakeWorkers); closed after the web server has drained. */
    @Bean(destroyMethod = "close")
    public IntakeWorkers intakeWorkers(IntakeSettings settings) {
        return new IntakeWorkers(settings);
    }
}

package org.hospital.surveillance.app.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.hospital.surveillance.command.intake.IntakeWorkers;
import org.hospital.surveillance.projection.rebuild.ProjectionRebuilds;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Metrics of the pipeline a fact goes through: accepted and rejected facts, the intake's queue, processor lag and
 * replay progress, alert-stream subscribers. Command latency is Axon's own
 * ({@code commandBus_*Timer_seconds{payloadType}}, from axon-micrometer with
 * {@code axon.metrics.micrometer.dimensional=true}); nothing here measures it again.
 */
@Configuration(proxyBeanMethods = false)
class PipelineMetricsConfiguration {

    /** Applied by Spring Boot to the registry before Axon registers its meters. */
    @Bean
    AxonMeterFilter axonMeterFilter() {
        return new AxonMeterFilter();
    }

    @Bean
    AcceptedFacts acceptedFacts(EventStore eventStore, MeterRegistry registry) {
        return AcceptedFacts.installOn(eventStore, registry);
    }

    @Bean
    RejectedFacts rejectedFacts(MeterRegistry registry) {
        return new RejectedFacts(registry);
    }

    /**
     * {@code surveillance_intake_waiting} and {@code surveillance_intake_busy}: facts accepted and
     * waiting for an intake worker, and workers recording one now. Waiting near
     * {@code surveillance.intake.max-waiting} means the next facts are refused with a 503.
     */
    @Bean
    MeterBinder intakeGauges(IntakeWorkers workers) {
        return registry -> {
            Gauge.builder("surveillance.intake.waiting", workers, IntakeWorkers::waiting)
                    .description("Facts accepted and waiting for an intake worker").register(registry);
            Gauge.builder("surveillance.intake.busy", workers, IntakeWorkers::busy)
                    .description("Intake workers recording a fact now").register(registry);
        };
    }

    @Bean
    SseSubscribers sseSubscribers(MeterRegistry registry) {
        return new SseSubscribers(registry);
    }

    @Bean
    ProcessorGauges processorGauges(EventProcessingConfiguration processing, DataSource dataSource,
                                    MeterRegistry registry, ProjectionRebuilds rebuilds,
                                    @Value("${surveillance.metrics.processor-sample-max-age:1s}") Duration maxAge) {
        return new ProcessorGauges(processing, new EventStoreTable(dataSource), registry, maxAge,
                projection -> rebuilds.status().stream()
                        .filter(s -> s.name().equals(projection) && s.state() == ProjectionRebuilds.State.REBUILDING)
                        .mapToDouble(s -> s.progressPercent() / 100)
                        .findFirst());
    }
}

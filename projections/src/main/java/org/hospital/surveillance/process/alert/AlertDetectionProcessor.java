package org.hospital.surveillance.process.alert;

import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;

/**
 * The tracking processor the alert detection process runs on. Axon starts a processor that has no
 * token yet with a replay of everything already stored; the detector's handlers refuse replays
 * ({@code @DisallowReplay}), so on that default it would pass by every fact stored before its first
 * start, and by a fact posted while it starts. Its first token is therefore the start of the
 * history, not marked as a replay: as before, a new detector judges every fact once.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class AlertDetectionProcessor {

    /** One thread, one segment, batches of 100, as the projections; first token at the start, not a replay. */
    public static TrackingEventProcessorConfiguration configuration() {
        return TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                .andBatchSize(100)
                .andInitialSegmentsCount(1)
                .andInitialTrackingToken(StreamableMessageSource::createTailToken);
    }

    @Bean
    ConfigurerModule alertDetectionProcessorModule() {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessor(
                AlertDetector.PROCESSING_GROUP, Configuration::eventStore, c -> configuration());
    }
}

package org.hospital.surveillance.app.processing;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the projections' processors behave on failure. Axon's default logs a failing event and
 * moves on, which would silently leave a fact out of a read model; here the failure propagates,
 * the processor releases its segment and retries the same batch with back-off, so a read model
 * is late (visible as processor lag) rather than wrong.
 */
@Configuration(proxyBeanMethods = false)
class ProcessingConfiguration {

    @Bean
    ConfigurerModule retryFailedEventsInsteadOfSkippingThem() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }
}

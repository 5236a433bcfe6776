package org.hospital.surveillance.app.processing;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.hospital.surveillance.app.readmodel.ReadModelDurability;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the projections' processors behave on failure and on a crash.
 *
 * <p>Failure: Axon's default logs a failing event and moves on, which would silently leave a fact
 * out of a read model; here the failure propagates, the processor releases its segment and retries
 * the same batch with back-off, so a read model is late (visible as processor lag) rather than
 * wrong.
 *
 * <p>Crash: every processor's transactions make the read-model writes durable before they commit
 * the token ({@link DurableReadModelsFirst}).
 */
@Configuration(proxyBeanMethods = false)
class ProcessingConfiguration {

    @Bean
    ConfigurerModule retryFailedEventsInsteadOfSkippingThem() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    @Bean
    ConfigurerModule tokensPassOnlyDurableReadModelWrites(TransactionManager transactions, ReadModelDurability readModels) {
        return configurer -> configurer.eventProcessing()
                .registerDefaultTransactionManager(c -> new DurableReadModelsFirst(transactions, readModels));
    }
}

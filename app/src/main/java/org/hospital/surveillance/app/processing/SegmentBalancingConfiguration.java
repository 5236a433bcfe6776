package org.hospital.surveillance.app.processing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.hospital.surveillance.app.eventstore.EventStoreConfiguration.ClaimOwner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Segment balancing between instances sharing the event store ({@link SegmentBalancer}), when
 * {@link SegmentBalancingProperties} has it on for this store.
 */
@Configuration(proxyBeanMethods = false)
class SegmentBalancingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancingConfiguration.class);

    @Bean
    SegmentBalancer segmentBalancer(SegmentBalancingProperties settings, @Value("${spring.datasource.url:}") String url,
                           EventProcessingConfiguration processing, TokenStore tokenStore,
                           TransactionManager transactions, DataSource dataSource, ClaimOwner owner,
                           ObjectProvider<MeterRegistry> registry) {
        boolean enabled = settings.enabledFor(url);
        SegmentBalancer balancer = new SegmentBalancer(enabled, processing, tokenStore, transactions,
                new LiveInstances(dataSource, owner.name()), settings, Clock.systemUTC());
        if (!enabled) {
            log.info("Segment balancing is off ({}): an instance claims every segment it has threads for", settings.mode());
            return balancer;
        }
        registry.ifAvailable(meters -> Gauge.builder("surveillance.processing.instances.live", balancer,
                        SegmentBalancer::liveInstances)
                .description("Instances sharing the processors' segments, as this instance last counted them")
                .register(meters));
        return balancer;
    }
}

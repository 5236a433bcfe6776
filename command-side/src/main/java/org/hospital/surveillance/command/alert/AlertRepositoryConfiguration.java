package org.hospital.surveillance.command.alert;

import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the Alert aggregate is loaded from. A cluster alert's stream grows with every membership
 * change, and the detector sends a command per changed cluster and batch, so replaying the stream
 * on each load bounded how fast the detector caught up. The alerts are therefore cached, bounded
 * by {@value #MAX_ALERTS} (0 switches the cache off), and checked against the store on each load
 * ({@link CatchingUpCachedRepository}). The fact aggregates keep Axon's default: one fact's stream
 * is a few events, and they are read once.
 */
@Configuration(proxyBeanMethods = false)
public class AlertRepositoryConfiguration {

    public static final String MAX_ALERTS = "surveillance.alert-cache.max-alerts";

    @Bean
    Repository<Alert> alertRepository(EventStore eventStore, @Value("${" + MAX_ALERTS + ":2000}") long maxAlerts) {
        return alerts(eventStore, maxAlerts);
    }

    /** The alerts' repository on an event store, caching at most {@code maxAlerts} (none for 0). */
    public static Repository<Alert> alerts(EventStore eventStore, long maxAlerts) {
        EventSourcingRepository.Builder<Alert> builder = EventSourcingRepository.builder(Alert.class);
        if (maxAlerts <= 0) {
            return builder.eventStore(eventStore).build();
        }
        return new CatchingUpCachedRepository<>(builder, new AlertCache(maxAlerts), eventStore);
    }
}

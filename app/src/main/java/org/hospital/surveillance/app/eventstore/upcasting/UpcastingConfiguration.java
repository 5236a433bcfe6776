package org.hospital.surveillance.app.eventstore.upcasting;

import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.hospital.surveillance.events.StoredEventUpcasters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the stored events' upcasters, which live beside the events they upcast
 * ({@code events/.../labresult/LabResultUpcasters} and the like), as one chain in their order:
 * Axon applies it to every read of the event store (aggregates and processors), and the history
 * export runs its rows through the same bean.
 */
@Configuration(proxyBeanMethods = false)
public class UpcastingConfiguration {

    @Bean
    EventUpcaster storedEventUpcasters() {
        return StoredEventUpcasters.chain();
    }
}

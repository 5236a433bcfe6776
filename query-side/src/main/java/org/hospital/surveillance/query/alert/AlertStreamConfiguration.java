package org.hospital.surveillance.query.alert;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.hospital.surveillance.query.support.ReadModelCollections;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One alert feed per instance, shared by every stream subscriber. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertStreamSettings.class)
class AlertStreamConfiguration {

    @Bean
    AlertFeed alertFeed(MongoDatabase database, AlertStreamSettings settings) {
        ReadModelCollections collections = new ReadModelCollections(database);
        return new AlertFeed(() -> collections.of(AlertQueryController.PROJECTION, AlertQueryController.COLLECTION),
                settings.wakeups(), settings.pollInterval(), settings.safetyPollInterval());
    }
}

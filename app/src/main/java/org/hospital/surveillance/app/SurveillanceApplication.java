package org.hospital.surveillance.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoReactiveAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The one runnable platform. Component scanning covers every module's packages under
 * {@code org.hospital.surveillance}: aggregates and write controllers (command-side), streaming
 * processors (projections) and read controllers (query-side). Boot's own Mongo client
 * configuration is off because the read-model store decides between a configured MongoDB and
 * the embedded server (see {@code ReadModelStoreConfiguration}).
 */
@SpringBootApplication(
        scanBasePackages = "org.hospital.surveillance",
        exclude = {MongoAutoConfiguration.class, MongoReactiveAutoConfiguration.class})
@ConfigurationPropertiesScan
public class SurveillanceApplication {

    static {
        // Axon 4.12 phones AxonIQ at start-up unless told not to, and reads that only from a system
        // property, an environment variable or a file, never from Spring's configuration. A clinical
        // system has no business calling out; an operator can still set the property to false.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(SurveillanceApplication.class, args);
    }
}

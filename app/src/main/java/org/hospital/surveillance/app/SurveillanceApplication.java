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

    public static void main(String[] args) {
        SpringApplication.run(SurveillanceApplication.class, args);
    }
}

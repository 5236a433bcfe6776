package org.hospital.surveillance.app.eventstore;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With no {@code spring.datasource.url} configured, events go to an embedded H2 file database
 * under {@code surveillance.data-dir}. It runs in place of Boot's default in-memory H2, which
 * would lose every acknowledged fact at shutdown.
 *
 * <p>{@code WRITE_DELAY=0}: H2 otherwise acknowledges a commit up to 500 ms before writing it, so
 * a crash could lose a fact the platform already answered 201 for.
 *
 * <p>{@code COMPRESS=TRUE}: pages are compressed (LZF), JSON events and their repeated field names
 * shrink to a fraction; a file written before is read as it is. Its housekeeping, which {@code WRITE_DELAY=0}
 * turns off in H2, is {@link EmbeddedEventStoreHousekeeping}'s.
 */
public class EmbeddedEventStoreDefaults implements EnvironmentPostProcessor {

    static final String DATASOURCE_URL = "spring.datasource.url";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(DATASOURCE_URL)
                && !environment.getProperty(DATASOURCE_URL, "").isBlank()) {
            return;
        }
        Path dataDir = Path.of(environment.getProperty("surveillance.data-dir", "./data"));
        String file = dataDir.resolve("events").resolve("events").toAbsolutePath().normalize().toString();
        environment.getPropertySources().addLast(new MapPropertySource("embeddedEventStore", Map.of(
                DATASOURCE_URL, "jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;COMPRESS=TRUE",
                "spring.datasource.username", "sa",
                "spring.datasource.password", "")));
    }
}

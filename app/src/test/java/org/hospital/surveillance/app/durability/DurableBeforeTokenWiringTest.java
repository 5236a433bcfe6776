package org.hospital.surveillance.app.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.springboot.autoconfig.AxonTimeoutAutoConfiguration;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.TempDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every processor of the platform commits its token through the transaction manager that makes
 * the read models durable first (what {@link CrashConsistencyIT} proves by killing the jar): a
 * processor added later (the v2 streams) gets it without anyone remembering to.
 */
class DurableBeforeTokenWiringTest {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyProcessorMakesTheReadModelsDurableBeforeItsToken() throws Exception {
        Path dataDir = Files.createTempDirectory("durable-wiring");
        try (Platform platform = Platform.start(dataDir)) {
            EventProcessingConfiguration processing = platform.bean(EventProcessingConfiguration.class);
            assertThat(processing.eventProcessors()).containsKeys("rates", "environment-compliance",
                    "sterilization-compliance", "alert-detection", "alert-board");
            for (String processor : processing.eventProcessors().keySet()) {
                assertThat(processing.transactionManager(processor).getClass().getSimpleName())
                        .as(processor).isEqualTo("DurableReadModelsFirst");
            }
            // Nothing interrupts a long batch: an interrupt during a write closes an embedded H2 file for good.
            assertThat(platform.context().getBeanNamesForType(AxonTimeoutAutoConfiguration.class))
                    .as("Axon's interrupting timeouts").isEmpty();
        } finally {
            TempDirs.delete(dataDir);
        }
    }
}

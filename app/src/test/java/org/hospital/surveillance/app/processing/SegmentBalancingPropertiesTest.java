package org.hospital.surveillance.app.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.hospital.surveillance.app.processing.SegmentBalancingProperties.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

@Timeout(30)
class SegmentBalancingPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SegmentBalancingProperties.class)
    static class Bound {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void theDefaultsBalanceOnAnyDatabaseButTheEmbeddedFile() {
        context.run(started -> {
            SegmentBalancingProperties settings = started.getBean(SegmentBalancingProperties.class);
            assertThat(settings).isEqualTo(new SegmentBalancingProperties(Mode.AUTO, Duration.ofSeconds(2),
                    Duration.ofSeconds(6), Duration.ofSeconds(15)));
            assertThat(settings.enabledFor("jdbc:postgresql://db:5432/surveillance")).isTrue();
            assertThat(settings.enabledFor("jdbc:h2:file:/var/lib/surveillance/events/events;WRITE_DELAY=0")).isFalse();
            assertThat(settings.enabledFor("jdbc:h2:tcp://db/events")).as("an H2 server several instances can share").isTrue();
        });
    }

    @Test
    void onAndOffMeanWhatTheySayWhateverTheDatabase() {
        context.withPropertyValues("surveillance.segment-balancing.mode=on").run(started ->
                assertThat(started.getBean(SegmentBalancingProperties.class).enabledFor("jdbc:h2:file:/tmp/events")).isTrue());
        context.withPropertyValues("surveillance.segment-balancing.mode=off").run(started ->
                assertThat(started.getBean(SegmentBalancingProperties.class).enabledFor("jdbc:postgresql://db/s")).isFalse());
    }

    @Test
    void anExpiryNoLongerThanTheHeartbeatIsRefusedAtStartUp() {
        context.withPropertyValues("surveillance.segment-balancing.every=6s", "surveillance.segment-balancing.instance-expiry=6s")
                .run(started -> assertThat(started).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("instance-expiry must be longer than every"));
        context.withPropertyValues("surveillance.segment-balancing.release-for=0s")
                .run(started -> assertThat(started).hasFailed());
        context.withPropertyValues("surveillance.segment-balancing.mode=sometimes")
                .run(started -> assertThat(started).hasFailed());
    }
}

package org.hospital.surveillance.app.metrics;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.context.annotation.Bean;

/**
 * Pins the platform's clock to the last day of March 2026, so "the current month" of the
 * indicator gauges is the month the test's facts are in, whatever day the build runs. Not a
 * {@code @Configuration}: component scanning must not put it into other tests' platforms; a test
 * adds it with {@code spring.main.sources}.
 */
public class HospitalClockFixture {

    static final Instant NOW = Instant.parse("2026-03-31T12:00:00Z");
    static final String PROPERTY = "spring.main.sources=" + HospitalClockFixture.class.getName();

    @Bean
    Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }
}

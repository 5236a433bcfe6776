package org.hospital.surveillance.command.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code surveillance.intake.*}: how many facts an instance records at once, and how many it lets
 * wait before it answers "busy, retry" instead of queueing without bound.
 *
 * @param workers    facts recorded at once (each holds an event-store connection while it commits; more
 *                   workers than {@code spring.datasource.hikari.maximum-pool-size} would only wait for one)
 * @param maxWaiting facts accepted for recording while every worker is busy; one more is a 503 with
 *                   {@code Retry-After}. About {@code maxWaiting / throughput} seconds of queue: at the
 *                   ~200 facts/s two cores record (docs/benchmarks.md), 1000 is five seconds, well
 *                   inside an interface engine's usual 30-60 s timeout, and enough to absorb a burst
 * @param retryAfter what a refused client is told to wait before it sends again
 */
@ConfigurationProperties("surveillance.intake")
public record IntakeSettings(
        @DefaultValue("10") int workers,
        @DefaultValue("1000") int maxWaiting,
        @DefaultValue("1s") Duration retryAfter) {

    public IntakeSettings {
        if (workers < 1 || maxWaiting < 0) {
            throw new IllegalArgumentException("surveillance.intake.workers must be at least 1 and .max-waiting not negative");
        }
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("surveillance.intake.retry-after must not be negative");
        }
    }
}

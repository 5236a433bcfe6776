package org.hospital.surveillance.app.processing;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Segment balancing between instances sharing one event store, under
 * {@code surveillance.segment-balancing.*} (docs/operations.md, "Processor segments").
 *
 * @param mode           {@code auto} (on with a shared database, off on the embedded H2 file, which
 *                       only one instance can open), {@code on} or {@code off}
 * @param every          how often an instance says it is alive and checks its share
 * @param instanceExpiry an instance silent this long counts as gone; kept below Axon's token claim
 *                       timeout (10 s), so that when a dead instance's segments are taken over it no
 *                       longer counts and the survivor keeps what it took
 * @param releaseFor     how long a segment let go is left for another instance to claim before this
 *                       one may claim it again (another instance's processor looks for free segments
 *                       every 5 s)
 */
@Validated
@ConfigurationProperties("surveillance.segment-balancing")
public record SegmentBalancingProperties(@DefaultValue("auto") @NotNull Mode mode,
                                         @DefaultValue("2s") @NotNull Duration every,
                                         @DefaultValue("6s") @NotNull Duration instanceExpiry,
                                         @DefaultValue("15s") @NotNull Duration releaseFor) {

    public enum Mode { AUTO, ON, OFF }

    /** Whether instances balance their segments with this event store. */
    boolean enabledFor(String datasourceUrl) {
        return switch (mode) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> datasourceUrl == null || !datasourceUrl.startsWith("jdbc:h2:file:");
        };
    }

    @AssertTrue(message = "instance-expiry must be longer than every (a live instance would count as gone)"
            + " and release-for and every must be positive")
    boolean isConsistent() {
        return every != null && instanceExpiry != null && releaseFor != null && every.toMillis() > 0
                && releaseFor.toMillis() > 0 && instanceExpiry.compareTo(every) > 0;
    }
}

package org.hospital.surveillance.app.history;

import java.time.Duration;
import org.hospital.surveillance.projection.rebuild.RebuildSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of time travel and rebuilds, under {@code surveillance.history.*}.
 *
 * @param rebuild see {@link RebuildSettings}
 */
@ConfigurationProperties("surveillance.history")
public record HistoryProperties(@DefaultValue Rebuild rebuild) {

    public record Rebuild(@DefaultValue("50000") int flushEvery,
                          @DefaultValue("500") int switchWithin,
                          @DefaultValue("5s") Duration dropGrace,
                          @DefaultValue("0") double maxEventsPerSecond) {

        RebuildSettings settings() {
            return new RebuildSettings(flushEvery, switchWithin, dropGrace, maxEventsPerSecond);
        }
    }
}

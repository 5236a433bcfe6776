package org.hospital.surveillance.app.history;

import java.time.Duration;
import org.hospital.surveillance.projection.rebuild.RebuildSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of time travel and rebuilds, under {@code surveillance.history.*}.
 *
 * @param asOfReadPast how far past an {@code asOf} instant the history is read for events that were
 *                     stamped before it but appended after later ones (a slow transaction); Axon's own
 *                     gap timeout is 60 s
 * @param rebuild      see {@link RebuildSettings}
 */
@ConfigurationProperties("surveillance.history")
public record HistoryProperties(@DefaultValue("60s") Duration asOfReadPast, @DefaultValue Rebuild rebuild) {

    public record Rebuild(@DefaultValue("2000") int flushEvery,
                          @DefaultValue("500") int switchWithin,
                          @DefaultValue("5s") Duration dropGrace,
                          @DefaultValue("0") double maxEventsPerSecond) {

        RebuildSettings settings() {
            return new RebuildSettings(flushEvery, switchWithin, dropGrace, maxEventsPerSecond);
        }
    }
}

package org.hospital.surveillance.query.alert;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code surveillance.alert-stream.*}: how the alert stream keeps connections and finds changes.
 *
 * @param heartbeat          how often a quiet stream sends a comment, so proxies keep the connection
 * @param retry              how long a browser waits before reconnecting by itself (the SSE {@code retry} field)
 * @param wakeups            what makes an instance look for board changes: a MongoDB change stream, or polling
 * @param pollInterval       polling interval (polling mode, or change-stream mode without a replica set)
 * @param safetyPollInterval change-stream mode also looks this often, for changes made while the change stream was (re)opening
 */
@ConfigurationProperties("surveillance.alert-stream")
public record AlertStreamSettings(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("2s") Duration retry,
        @DefaultValue("CHANGE_STREAM") AlertFeed.Wakeups wakeups,
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("2s") Duration safetyPollInterval) {
}

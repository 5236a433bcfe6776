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
 * @param maxStreamsPerUser  streams one user may hold open on this instance at once (a board in a few tabs and wards); more are 429
 * @param maxStreams         streams this instance serves at once, all users together; more are 429
 * @param maxBehind          board changes held for one subscriber that does not read them; one more and it is dropped
 *                           (its browser reconnects with Last-Event-ID and resumes), so a stalled client costs bounded memory
 */
@ConfigurationProperties("surveillance.alert-stream")
public record AlertStreamSettings(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("2s") Duration retry,
        @DefaultValue("CHANGE_STREAM") AlertFeed.Wakeups wakeups,
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("2s") Duration safetyPollInterval,
        @DefaultValue("10") int maxStreamsPerUser,
        @DefaultValue("500") int maxStreams,
        @DefaultValue("1000") int maxBehind) {

    public AlertStreamSettings {
        if (maxStreamsPerUser < 1 || maxStreams < 1 || maxBehind < 1) {
            throw new IllegalArgumentException("surveillance.alert-stream.max-streams-per-user, .max-streams and .max-behind must be at least 1");
        }
    }
}

package org.hospital.surveillance.app.write;

import javax.sql.DataSource;
import org.hospital.surveillance.app.support.Platform;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Posting facts to the running platform, and counting what they appended. */
final class Submissions {
    private final Platform platform;

    Submissions(Platform platform) {
        this.platform = platform;
    }

    WebTestClient.ResponseSpec post(String user, String path, String json) {
        return platform.as(user).post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    /**
     * Events of the fact streams only: alerts are appended asynchronously by the platform itself
     * and would make "nothing was appended" depend on timing.
     */
    long factEvents() {
        Long count = new JdbcTemplate(platform.bean(DataSource.class)).queryForObject(
                "SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier NOT LIKE 'alert:%'", Long.class);
        return count == null ? 0 : count;
    }

    /** Events of one stream, e.g. {@code lab-result:L-001}. */
    long eventsOf(String aggregateId) {
        Long count = new JdbcTemplate(platform.bean(DataSource.class)).queryForObject(
                "SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?", Long.class, aggregateId);
        return count == null ? 0 : count;
    }
}

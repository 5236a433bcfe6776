package org.hospital.surveillance.app.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.hospital.surveillance.app.support.HospitalFacts;
import org.hospital.surveillance.app.support.Platform;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@link HospitalFacts} with what the alert tests add: cultures by organism, alerts per ward, alert events counted. */
final class AlertsApi extends HospitalFacts {

    AlertsApi(Platform platform) {
        super(platform);
    }

    /** A positive culture of a patient admitted in February: hospital-onset. */
    WebTestClient.ResponseSpec labResult(String accession, String patientId, String wardId, String organism,
                                         String phenotype, String collectedAt) {
        return labResult(accession, patientId, wardId, ADMITTED, collectedAt, "POSITIVE", organism, phenotype);
    }

    List<JsonNode> alertsOfWard(String wardId) {
        return alerts("?wardId=" + wardId);
    }

    /** Polls until the ward has one alert, of {@code cases} cases, and answers its id. */
    String awaitOneClusterOf(String wardId, int cases) {
        return awaitAlerts("?wardId=" + wardId, a -> a.size() == 1 && a.get(0).path("caseCount").asInt() == cases)
                .get(0).path("alertId").asText();
    }

    /** Events in alert streams, counted in the event store's table. */
    long alertEventCount() {
        Long count = new JdbcTemplate(platform.bean(DataSource.class)).queryForObject(
                "SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier LIKE 'alert:%'", Long.class);
        return count == null ? 0 : count;
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}

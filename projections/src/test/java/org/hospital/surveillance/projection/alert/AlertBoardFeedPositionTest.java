package org.hospital.surveillance.projection.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.hospital.surveillance.events.alert.AlertAcknowledged;
import org.hospital.surveillance.events.alert.ClusterAlertRaised;
import org.hospital.surveillance.events.alert.ClusterCase;
import org.hospital.surveillance.events.alert.EnvironmentAlertRaised;
import org.hospital.surveillance.events.environment.SampleType;
import org.hospital.surveillance.projection.support.WireMongo;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The board's change numbers, which the alert stream's event ids are: every applied change takes
 * the next one, in the order the board applied them; a redelivered event changes nothing and takes
 * none; a rebuilt board continues the count.
 */
class AlertBoardFeedPositionTest {

    private static final Instant T = Instant.parse("2026-03-09T10:00:00Z");
    private final WireMongo mongo = WireMongo.start();
    private final MongoDatabase database = mongo.database("feed");
    private final AlertBoardProjection board = new AlertBoardProjection(database, HospitalCalendar.utc());

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void eachAppliedChangeTakesTheNextNumberAndARedeliveryTakesNone() {
        board.on(cluster(), 0, T);
        board.on(environment(), 0, T.plusSeconds(1));
        assertThat(position("CLU-1")).isEqualTo(1);
        assertThat(position("ENV-E-1")).isEqualTo(2);

        board.on(new AlertAcknowledged("CLU-1", "looking"), 1, T.plusSeconds(2), "nurse1");
        assertThat(position("CLU-1")).as("the acknowledged cluster is the board's latest change").isEqualTo(3);

        // Redelivered after a crash: the same events again change nothing and take no number.
        board.on(cluster(), 0, T);
        board.on(new AlertAcknowledged("CLU-1", "looking"), 1, T.plusSeconds(2), "nurse1");
        board.on(environment(), 0, T.plusSeconds(1));
        assertThat(position("CLU-1")).isEqualTo(3);
        assertThat(position("ENV-E-1")).isEqualTo(2);

        board.on(new AlertAcknowledged("ENV-E-1", null), 1, T.plusSeconds(3), "nurse1");
        assertThat(position("ENV-E-1")).isEqualTo(4);
    }

    @Test
    void aRebuiltBoardContinuesTheCountSoConnectedPagesAreSentTheRebuiltAlerts() {
        board.on(cluster(), 0, T);
        board.on(new AlertAcknowledged("CLU-1", "looking"), 1, T.plusSeconds(2), "nurse1");
        assertThat(position("CLU-1")).isEqualTo(2);

        // The reset empties the board, a change of its own: it takes 3.
        board.reset();
        assertThat(database.getCollection(AlertBoardProjection.FEED_COLLECTION).find().first().getLong("position")).isEqualTo(3);
        board.on(cluster(), 0, T);
        assertThat(position("CLU-1")).isEqualTo(4);
        board.on(new AlertAcknowledged("CLU-1", "looking"), 1, T.plusSeconds(2), "nurse1");
        assertThat(position("CLU-1")).isEqualTo(5);
    }

    private long position(String alertId) {
        Document alert = database.getCollection(AlertBoardProjection.COLLECTION).find(new Document("_id", alertId)).first();
        return alert.getLong(AlertBoardProjection.FEED_POSITION);
    }

    private static ClusterAlertRaised cluster() {
        return new ClusterAlertRaised("CLU-1", "ICU-1", "Staphylococcus aureus", "MRSA", List.of(
                new ClusterCase("lab-result:L-1", "P-1", T.minusSeconds(3 * 86400)),
                new ClusterCase("lab-result:L-2", "P-2", T.minusSeconds(2 * 86400)),
                new ClusterCase("lab-result:L-3", "P-3", T.minusSeconds(86400))));
    }

    private static EnvironmentAlertRaised environment() {
        return new EnvironmentAlertRaised("ENV-E-1", "ICU-1", "E-1", SampleType.AIR, 8.0, 4.0, T.minusSeconds(3600));
    }
}

package org.hospital.surveillance.app.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.surveillance.app.board.SseClient.alertId;
import static org.hospital.surveillance.app.board.SseClient.json;

import java.nio.file.Path;
import java.util.List;
import org.hospital.surveillance.app.readmodel.ReadModelStoreConfiguration.ReadModelStore;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.codec.ServerSentEvent;

/**
 * Two instances of the platform as production runs them: one PostgreSQL event store, one MongoDB
 * for the read models (here the first instance's embedded server, which the second reaches by
 * {@code spring.data.mongodb.uri} as it would a shared MongoDB). Whichever instance a fact or a
 * nurse's action arrives at, and whichever instance's processor writes the board, a nurse
 * listening on either instance is told.
 */
class AlertStreamAcrossInstancesTest {

    @TempDir
    static Path firstDir;
    @TempDir
    static Path secondDir;
    static PostgresDatabase database;
    static Platform first;
    static Platform second;

    @BeforeAll
    static void start() {
        database = PostgresDatabase.create();
        first = Platform.startOnPostgres(firstDir, database);
        String sharedMongo = first.bean(ReadModelStore.class).connection().getConnectionString();
        second = Platform.startOnPostgres(secondDir, database, "spring.data.mongodb.uri=" + sharedMongo);
    }

    @AfterAll
    static void stop() {
        // Together: the two share Reactor Netty's event loops.
        second.close();
        first.close();
        database.close();
    }

    @Test
    void aNurseOnOneInstanceSeesAnAlertRaisedThroughTheOtherAndEachSeesTheOthersAction() {
        HospitalApi viaFirst = new HospitalApi(first.baseUrl(), Platform.PASSWORD);
        HospitalApi viaSecond = new HospitalApi(second.baseUrl(), Platform.PASSWORD);
        try (SseClient onSecond = SseClient.connect(second.baseUrl(), viaSecond.authorization("nurse1"), "?wardId=MULTI-1", null);
             SseClient onFirst = SseClient.connect(first.baseUrl(), viaFirst.authorization("nurse1"), "?wardId=MULTI-1", null)) {
            onSecond.awaitReceived("the second instance's opening id", events -> !events.isEmpty());
            onFirst.awaitReceived("the first instance's opening id", events -> !events.isEmpty());

            for (int i = 1; i <= 3; i++) {
                assertThat(viaFirst.mrsaCulture("L-M1-" + i, "P-M1-" + i, "MULTI-1", "2026-03-0" + (4 + i) + "T10:00:00Z"))
                        .isEqualTo(201);
            }
            ServerSentEvent<String> raised = onSecond.awaitAlerts("the cluster raised through the first instance",
                    alerts -> !alerts.isEmpty()).get(0);
            assertThat(json(raised).path("caseCount").asInt()).isEqualTo(3);
            assertThat(onFirst.awaitAlerts("the same cluster on the first instance", alerts -> !alerts.isEmpty()).get(0).id())
                    .as("one board, one numbering, whichever instance tells it").isEqualTo(raised.id());

            assertThat(viaSecond.acknowledge("nurse1", alertId(raised), "seen on the second instance").status()).isEqualTo(200);
            List<ServerSentEvent<String>> onFirstAlerts = onFirst.awaitAlerts("the acknowledgement made on the second instance",
                    alerts -> alerts.size() == 2);
            assertThat(json(onFirstAlerts.get(1)).path("status").asText()).isEqualTo("ACKNOWLEDGED");
            assertThat(onSecond.awaitAlerts("and on the second", alerts -> alerts.size() == 2).get(1).id())
                    .isEqualTo(onFirstAlerts.get(1).id());
        }
    }
}

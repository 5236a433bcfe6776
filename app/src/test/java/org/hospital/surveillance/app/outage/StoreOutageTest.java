package org.hospital.surveillance.app.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.hospital.surveillance.app.support.HospitalFacts;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.PostgresDatabase;
import org.hospital.surveillance.app.support.TcpProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A store taken away from the running platform and given back, through a loopback proxy
 * ({@link TcpProxy}), without a restart: the event store (PostgreSQL) under write load, and the
 * read-model store (a MongoDB-wire server). The clients answer within a bound of their own, so a
 * request that hung would fail the test.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StoreOutageTest {

    private static final int PATIENTS_PRESENT = 10;
    private static final Duration CATCH_UP = Duration.ofMinutes(2);

    @TempDir
    Path dataDir;

    @Test
    void withTheEventStoreUnreachableWritesAre503AndNothingAcknowledgedIsLost() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create();
             TcpProxy proxy = new TcpProxy(5432);
             Platform platform = Platform.startOnPostgres(dataDir, database,
                     "spring.datasource.url=" + database.url().replace(":5432/", ":" + proxy.port() + "/"))) {
            WebTestClient nurse = bounded(platform, "nurse1");
            CensusWriter writer = new CensusWriter(nurse);
            Thread writing = new Thread(writer, "census-writer");
            writing.start();
            try {
                await().atMost(CATCH_UP).until(() -> writer.count(201) >= 5);

                proxy.cut();
                EntityExchangeResult<String> refused = labResult(bounded(platform, "lab1"));
                assertThat(refused.getStatus().value()).isEqualTo(503);
                assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isEqualTo("5");
                assertThat(HospitalFacts.json(refused.getResponseBody()).path("status").asInt()).isEqualTo(503);
                assertThat(storedEvents(database, "LabResult")).isZero();
                int acknowledgedBeforeCut = writer.count(201);
                await().atMost(CATCH_UP).until(() -> writer.count(503) >= 2);

                proxy.restore();
                await().atMost(CATCH_UP).until(() -> writer.count(201) >= acknowledgedBeforeCut + 5);
            } finally {
                writer.stop.set(true);
                writing.join(Duration.ofMinutes(1).toMillis());
            }

            // Never a 500, never an answer past the client's bound: only 201s, and 503s while cut.
            assertThat(writer.statuses()).containsOnlyKeys(201, 503);
            // A lab system re-sends what got a 503; a fact that was stored after all is a DUPLICATE.
            for (Map<String, Object> census : writer.refused()) {
                nurse.post().uri("/api/ward-census").bodyValue(census).exchange()
                        .expectStatus().value(status -> assertThat(status).isIn(200, 201));
            }
            assertThat(labResult(bounded(platform, "lab1")).getStatus().value()).isEqualTo(201);

            int facts = writer.sent.size();
            System.out.println("OUTAGE event store: facts posted=" + facts + " answers=" + writer.statuses()
                    + " re-sent after restore=" + writer.refused().size());
            assertThat(storedEvents(database, "WardCensusRecorded")).isEqualTo(facts);
            assertThat(storedEvents(database, "LabResult")).isEqualTo(1);
            await("the figures catch up").atMost(CATCH_UP).pollInterval(Duration.ofMillis(200))
                    .until(() -> patientDaysOfMarch(platform) == (long) PATIENTS_PRESENT * facts);
        }
    }

    @Test
    void withTheReadModelStoreUnreachableReadsAre503AndProjectionsResume() {
        MongoServer readModels = new MongoServer(new MemoryBackend());
        readModels.enableOplog();
        readModels.bind("127.0.0.1", 0);
        try (TcpProxy proxy = new TcpProxy(readModels.getLocalAddress().getPort());
             Platform platform = Platform.start(dataDir, "spring.data.mongodb.uri=mongodb://127.0.0.1:" + proxy.port()
                     + "/surveillance?serverSelectionTimeoutMS=2000&connectTimeoutMS=2000")) {
            WebTestClient nurse = bounded(platform, "nurse1");
            census(nurse, "ICU-1", "2026-03-01");
            await().atMost(CATCH_UP).until(() -> patientDaysOfMarch(platform) == 10);

            proxy.cut();
            // The first read finds its connection dropped; the next finds no server within the selection timeout.
            for (int read = 0; read < 2; read++) {
                nurse.get().uri("/api/rates?month=2026-03").exchange()
                        .expectStatus().isEqualTo(503)
                        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectHeader().valueEquals("Retry-After", "5");
            }
            // Facts are still accepted: the event store is separate; the rates projection pauses on them.
            census(nurse, "ICU-1", "2026-03-02");
            census(nurse, "ICU-2", "2026-03-02");
            StreamingEventProcessor rates = platform.streamingProcessor("rates");
            await("the rates projection pauses").atMost(CATCH_UP)
                    .until(() -> rates.processingStatus().values().stream().anyMatch(s -> s.isErrorState()));

            proxy.restore();
            await("the rates projection resumes with the facts posted meanwhile").atMost(CATCH_UP)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> patientDaysOfMarch(platform) == 30);
        } finally {
            readModels.shutdownNow();
        }
    }

    /** A client whose every answer must come within 30 s: a hang fails the test instead of stalling it. */
    private static WebTestClient bounded(Platform platform, String user) {
        return platform.as(user).mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    private static EntityExchangeResult<String> labResult(WebTestClient lab) {
        return lab.post().uri("/api/lab-results").bodyValue(Map.of("accessionNumber", "L-OUT-1", "patientId", "P-OUT-1",
                        "wardId", "ICU-1", "admittedAt", "2026-02-15T08:00:00Z", "specimenType", "BLOOD",
                        "collectedAt", "2026-03-05T10:00:00Z", "result", "NEGATIVE"))
                .exchange().expectBody(String.class).returnResult();
    }

    private static void census(WebTestClient nurse, String wardId, String date) {
        nurse.post().uri("/api/ward-census").bodyValue(censusBody(wardId, date)).exchange().expectStatus().isCreated();
    }

    private static Map<String, Object> censusBody(String wardId, String date) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("wardId", wardId);
        body.put("date", date);
        body.put("patientsPresent", PATIENTS_PRESENT);
        body.put("admissions", 1);
        body.put("centralLineDays", 0);
        body.put("urinaryCatheterDays", 0);
        body.put("ventilatorDays", 0);
        return body;
    }

    /** Patient-days of every ward in March 2026, from the rates read model; -1 while it cannot be read. */
    private static long patientDaysOfMarch(Platform platform) {
        EntityExchangeResult<String> answer = platform.as("epi1").get().uri("/api/rates?month=2026-03").exchange()
                .expectBody(String.class).returnResult();
        if (answer.getStatus().value() != 200) {
            return -1;
        }
        long days = 0;
        for (JsonNode ward : HospitalFacts.json(answer.getResponseBody())) {
            days += ward.path("patientDays").asLong();
        }
        return days;
    }

    /** Events of the given type counted in the database itself, past the proxy. */
    private static long storedEvents(PostgresDatabase database, String payloadType) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.url(), PostgresDatabase.USER, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE '%."
                     + payloadType + "%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * One writer posting census days one after another, each a new fact (ward OUT-n, a March day),
     * and remembering every answer's status.
     */
    private static final class CensusWriter implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final List<Map<String, Object>> sent = Collections.synchronizedList(new ArrayList<>());
        private final List<Integer> answers = Collections.synchronizedList(new ArrayList<>());
        private final WebTestClient nurse;

        CensusWriter(WebTestClient nurse) {
            this.nurse = nurse;
        }

        @Override
        public void run() {
            for (int i = 0; !stop.get(); i++) {
                Map<String, Object> body = censusBody("OUT-" + i / 31, LocalDate.of(2026, 3, 1).plusDays(i % 31).toString());
                int status;
                try {
                    status = nurse.post().uri("/api/ward-census").bodyValue(body).exchange()
                            .expectBody(String.class).returnResult().getStatus().value();
                } catch (RuntimeException | AssertionError noAnswer) {
                    status = -1; // no answer within the client's bound
                }
                synchronized (this) {
                    sent.add(body);
                    answers.add(status);
                }
            }
        }

        synchronized int count(int status) {
            return (int) answers.stream().filter(s -> s == status).count();
        }

        synchronized Map<Integer, Long> statuses() {
            Map<Integer, Long> counts = new LinkedHashMap<>();
            answers.forEach(s -> counts.merge(s, 1L, Long::sum));
            return counts;
        }

        synchronized List<Map<String, Object>> refused() {
            List<Map<String, Object>> refused = new ArrayList<>();
            for (int i = 0; i < answers.size(); i++) {
                if (answers.get(i) != 201) {
                    refused.add(sent.get(i));
                }
            }
            return refused;
        }
    }
}

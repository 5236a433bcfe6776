package org.hospital.surveillance.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.StandardEnvironment;

/**
 * The embedded event store's file, as the platform opens it, on a real H2 file: one event per
 * commit leaves a chunk of the file behind each time, which only housekeeping frees. H2 frees a
 * chunk 45 s after its last use; the test sets that retention to 0 so as not to wait for it.
 */
class EmbeddedEventStoreHousekeepingTest {

    private static final int EVENTS = 2_000;
    /** The goal for the event store: at most 1 KB of file per event. */
    private static final long GOAL_BYTES_PER_EVENT = 1_024;

    @TempDir
    Path dir;

    @Test
    void housekeepingBringsAFileOfSingleEventCommitsUnderAKilobytePerEventAndKeepsEveryEvent() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getSystemProperties().put("surveillance.data-dir", dir.toString());
        new EmbeddedEventStoreDefaults().postProcessEnvironment(environment, null);
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(environment.getProperty(EmbeddedEventStoreDefaults.DATASOURCE_URL));
        dataSource.setUser("sa");
        Path file = dir.resolve("events").resolve("events.mv.db");

        try (Connection open = dataSource.getConnection(); Statement statement = open.createStatement()) {
            statement.execute("SET RETENTION_TIME 0");
            // Axon's DomainEventEntry as PostgresEventTableFactory creates it.
            statement.execute("CREATE TABLE DomainEventEntry (globalIndex BIGSERIAL NOT NULL, aggregateIdentifier VARCHAR(255) NOT NULL,"
                    + " sequenceNumber BIGINT NOT NULL, type VARCHAR(255), eventIdentifier VARCHAR(255) NOT NULL, metaData BYTEA,"
                    + " payload BYTEA NOT NULL, payloadRevision VARCHAR(255), payloadType VARCHAR(255) NOT NULL,"
                    + " timeStamp VARCHAR(255) NOT NULL, PRIMARY KEY (globalIndex), UNIQUE (aggregateIdentifier, sequenceNumber),"
                    + " UNIQUE (eventIdentifier))");
            try (PreparedStatement insert = open.prepareStatement("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber,"
                    + " type, eventIdentifier, metaData, payload, payloadRevision, payloadType, timeStamp) VALUES (?,0,'Specimen',?,?,?,'2',"
                    + "'org.hospital.surveillance.events.labresult.LabResultRecorded','2026-03-05T10:02:11.482Z')")) {
                for (int i = 0; i < EVENTS; i++) {
                    insert.setString(1, "lab-result:G-" + i);
                    insert.setString(2, UUID.randomUUID().toString());
                    insert.setBytes(3, ("{\"principal\":\"lis\",\"channel\":\"HTTP\",\"receivedAt\":\"2026-03-05T10:02:11.470Z\","
                            + "\"correlationId\":\"" + UUID.randomUUID() + "\",\"traceId\":\"" + UUID.randomUUID() + "\"}").getBytes());
                    insert.setBytes(4, ("{\"accessionNumber\":\"G-" + i + "\",\"patientId\":\"P-" + i + "\",\"wardId\":\"W-" + (i % 40)
                            + "\",\"admittedAt\":\"2026-03-01T08:00:00Z\",\"specimenType\":\"BLOOD\",\"collectedAt\":\"2026-03-05T10:00:00Z\","
                            + "\"result\":\"POSITIVE\",\"organism\":\"Staphylococcus aureus\",\"phenotype\":\"MRSA\",\"susceptibility\":[]}")
                            .getBytes());
                    insert.executeUpdate(); // auto-commit: one commit per event, as a command appends it
                }
            }
            long before = Files.size(file);

            EmbeddedEventStoreHousekeeping housekeeping = new EmbeddedEventStoreHousekeeping(dataSource);
            try {
                Awaitility.await("the file under 1 KB per event").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                        .until(() -> {
                            housekeeping.run();
                            return Files.size(file) <= EVENTS * GOAL_BYTES_PER_EVENT;
                        });
            } finally {
                housekeeping.close();
            }
            assertThat(before).as("single-event commits without housekeeping").isGreaterThan(2 * EVENTS * GOAL_BYTES_PER_EVENT);
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*), COUNT(DISTINCT eventIdentifier) FROM DomainEventEntry")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(EVENTS);
                assertThat(rows.getLong(2)).isEqualTo(EVENTS);
            }
        }
        try (Connection reopened = dataSource.getConnection(); Statement statement = reopened.createStatement();
             ResultSet row = statement.executeQuery("SELECT aggregateIdentifier FROM DomainEventEntry ORDER BY globalIndex DESC LIMIT 1")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo("lab-result:G-" + (EVENTS - 1));
        }
    }
}

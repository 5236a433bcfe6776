package org.hospital.surveillance.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.StandardEnvironment;

/**
 * The embedded event store's file, as the platform opens it, on real H2 files: one event per
 * commit leaves a chunk of the file behind each time, which only housekeeping frees for reuse. H2
 * frees a chunk 45 s after its last use; the test sets that retention to 0 so as not to wait for it.
 */
class EmbeddedEventStoreHousekeepingTest {

    private static final int EVENTS = 2_000;
    private static final long KILOBYTE = 1_024;

    @TempDir
    Path dir;

    @Test
    void housekeepingKeepsAFileOfSingleEventCommitsSmallAndClosedItIsUnderAKilobytePerEvent() throws Exception {
        JdbcDataSource without = dataSource(dir.resolve("without"));
        long withoutHousekeeping;
        try (Connection open = without.getConnection()) {
            append(open, () -> { });
            withoutHousekeeping = Files.size(file(dir.resolve("without")));
        }

        JdbcDataSource with = dataSource(dir.resolve("with"));
        long withHousekeeping;
        try (Connection open = with.getConnection()) {
            EmbeddedEventStoreHousekeeping housekeeping = new EmbeddedEventStoreHousekeeping(with);
            try {
                append(open, housekeeping::run);
            } finally {
                housekeeping.close();
            }
            withHousekeeping = Files.size(file(dir.resolve("with")));
        }
        long closed = Files.size(file(dir.resolve("with")));

        assertThat(withHousekeeping).as("running, with housekeeping").isLessThanOrEqualTo(2 * KILOBYTE * EVENTS)
                .isLessThan(withoutHousekeeping / 2);
        assertThat(closed).as("closed (H2 compacts at close)").isLessThanOrEqualTo(KILOBYTE * EVENTS);
        try (Connection reopened = with.getConnection(); Statement statement = reopened.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*), COUNT(DISTINCT eventIdentifier) FROM DomainEventEntry")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(EVENTS);
            assertThat(rows.getLong(2)).isEqualTo(EVENTS);
        }
    }

    private static JdbcDataSource dataSource(Path dataDir) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getSystemProperties().put("surveillance.data-dir", dataDir.toString());
        new EmbeddedEventStoreDefaults().postProcessEnvironment(environment, null);
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(environment.getProperty(EmbeddedEventStoreDefaults.DATASOURCE_URL));
        dataSource.setUser("sa");
        return dataSource;
    }

    private static Path file(Path dataDir) {
        return dataDir.resolve("events").resolve("events.mv.db");
    }

    /** Lab results into Axon's DomainEventEntry as PostgresEventTableFactory creates it, one commit each. */
    private static void append(Connection open, Runnable every50) throws SQLException {
        try (Statement statement = open.createStatement()) {
            statement.execute("SET RETENTION_TIME 0");
            statement.execute("CREATE TABLE DomainEventEntry (globalIndex BIGSERIAL NOT NULL, aggregateIdentifier VARCHAR(255) NOT NULL,"
                    + " sequenceNumber BIGINT NOT NULL, type VARCHAR(255), eventIdentifier VARCHAR(255) NOT NULL, metaData BYTEA,"
                    + " payload BYTEA NOT NULL, payloadRevision VARCHAR(255), payloadType VARCHAR(255) NOT NULL,"
                    + " timeStamp VARCHAR(255) NOT NULL, PRIMARY KEY (globalIndex), UNIQUE (aggregateIdentifier, sequenceNumber),"
                    + " UNIQUE (eventIdentifier))");
        }
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
                if (i % 50 == 0) {
                    every50.run();
                }
            }
        }
    }
}

package org.hospital.surveillance.app.eventstore;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded event store's file compact ({@link MvStoreHousekeeping}) every
 * {@value #EVERY_MS} ms: {@code WRITE_DELAY=0} (a fact is written before its 201) turns off H2's
 * background writer, and with it H2's own housekeeping.
 */
final class EmbeddedEventStoreHousekeeping implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedEventStoreHousekeeping.class);
    static final long EVERY_MS = 2_000;

    private final DataSource dataSource;
    private final ScheduledExecutorService timer;

    EmbeddedEventStoreHousekeeping(DataSource dataSource) {
        this.dataSource = dataSource;
        this.timer = MvStoreHousekeeping.timer("event-store-housekeeping");
        timer.scheduleWithFixedDelay(this::run, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    void run() {
        try (Connection connection = dataSource.getConnection()) {
            Session session = connection.unwrap(JdbcConnection.class).getSession();
            if (session instanceof SessionLocal local) {
                MvStoreHousekeeping.run(local.getDatabase().getStore().getMvStore());
            }
        } catch (SQLException | RuntimeException e) {
            // Tried again at the next tick; the file only grows meanwhile.
            log.warn("Could not compact the event store's file: {}", e.toString());
        }
    }

    @Override
    public void close() {
        MvStoreHousekeeping.stop(timer);
    }
}

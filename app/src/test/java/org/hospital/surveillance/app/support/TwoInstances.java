package org.hospital.surveillance.app.support;

import java.nio.file.Path;
import org.hospital.surveillance.app.readmodel.ReadModelStoreConfiguration.ReadModelStore;

/**
 * Two instances of the platform as production runs them behind a load balancer: one PostgreSQL
 * event store (a fresh database) and, with {@link #sharingReadModels}, one MongoDB for the read
 * models (the first instance's embedded server, which the second reaches by
 * {@code spring.data.mongodb.uri} as it would a shared MongoDB).
 */
public final class TwoInstances implements AutoCloseable {

    public final PostgresDatabase database;
    public final Platform first;
    public final Platform second;

    private TwoInstances(PostgresDatabase database, Platform first, Platform second) {
        this.database = database;
        this.first = first;
        this.second = second;
    }

    /** Each instance with its own embedded read models: for what only the event store decides. */
    public static TwoInstances sharingEventStore(Path firstDir, Path secondDir) {
        PostgresDatabase database = PostgresDatabase.create();
        return new TwoInstances(database, Platform.startOnPostgres(firstDir, database),
                Platform.startOnPostgres(secondDir, database));
    }

    /** Both stores shared, as in production. */
    public static TwoInstances sharingReadModels(Path firstDir, Path secondDir, String... extraProperties) {
        PostgresDatabase database = PostgresDatabase.create();
        Platform first = Platform.startOnPostgres(firstDir, database, extraProperties);
        String sharedMongo = first.bean(ReadModelStore.class).connection().getConnectionString();
        String[] secondProperties = new String[extraProperties.length + 1];
        System.arraycopy(extraProperties, 0, secondProperties, 0, extraProperties.length);
        secondProperties[extraProperties.length] = "spring.data.mongodb.uri=" + sharedMongo;
        return new TwoInstances(database, first, Platform.startOnPostgres(secondDir, database, secondProperties));
    }

    /** Together, the second first (it may reach the first's embedded MongoDB). */
    @Override
    public void close() {
        second.close();
        first.close();
        database.close();
    }
}

package org.hospital.surveillance.app.write;

import java.io.IOException;
import java.nio.file.Path;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;

/** Every write outcome again, with the production event store: the machine's real PostgreSQL. */
class WriteOutcomesOnPostgresTest extends WriteOutcomesTest {

    private PostgresDatabase database;

    @Override
    Platform ownPlatform(Path dataDir) {
        database = PostgresDatabase.create();
        return Platform.startOnPostgres(dataDir, database);
    }

    @Override
    @AfterAll
    void stopPlatform() throws IOException {
        try {
            super.stopPlatform();
        } finally {
            database.close();
        }
    }
}

package org.hospital.surveillance.app.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.TempDirs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One real platform per test class, on a fresh data directory, stopped after the class. A
 * subclass may start it on another event store (see {@link #startPlatform(Path)}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RunningPlatform {
    Path dataDir;
    Platform platform;
    Submissions submissions;

    @BeforeAll
    void startPlatform() throws IOException {
        dataDir = Files.createTempDirectory("surveillance-test");
        platform = startPlatform(dataDir);
        submissions = new Submissions(platform);
    }

    /** The embedded default; overridden to run the same tests on PostgreSQL. */
    Platform startPlatform(Path dataDir) {
        return Platform.start(dataDir);
    }

    @AfterAll
    void stopPlatform() throws IOException {
        platform.close();
        TempDirs.delete(dataDir);
    }
}

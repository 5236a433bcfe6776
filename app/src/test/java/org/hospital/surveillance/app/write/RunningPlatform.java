package org.hospital.surveillance.app.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.SharedPlatform;
import org.hospital.surveillance.app.support.TempDirs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real platform for the test class: the run's {@link SharedPlatform} unless the class starts
 * its own (see {@link #ownPlatform(Path)}), which is then stopped after the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPlatform.class)
abstract class RunningPlatform {
    Platform platform;
    Submissions submissions;
    private Path ownDataDir;
    private Platform own;

    @BeforeAll
    void startPlatform(SharedPlatform shared) throws IOException {
        ownDataDir = Files.createTempDirectory("surveillance-test");
        own = ownPlatform(ownDataDir);
        platform = own == null ? shared.get() : own;
        submissions = new Submissions(platform);
    }

    /**
     * None by default: the shared platform. Overridden by a class that needs its own, e.g. to run
     * the same tests on PostgreSQL.
     */
    Platform ownPlatform(Path dataDir) {
        return null;
    }

    @AfterAll
    void stopPlatform() throws IOException {
        if (own != null) {
            own.close();
        }
        TempDirs.delete(ownDataDir);
    }
}

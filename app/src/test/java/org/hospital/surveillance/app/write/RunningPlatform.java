package org.hospital.surveillance.app.write;

import java.nio.file.Path;
import org.hospital.surveillance.app.support.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One real platform per test class, on a fresh data directory, stopped after the class. */
abstract class RunningPlatform {
    @TempDir
    static Path dataDir;
    static Platform platform;
    static Submissions submissions;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.start(dataDir);
        submissions = new Submissions(platform);
    }

    @AfterAll
    static void stopPlatform() {
        platform.close();
    }
}

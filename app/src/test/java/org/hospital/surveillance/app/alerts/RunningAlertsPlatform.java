package org.hospital.surveillance.app.alerts;

import java.nio.file.Path;
import org.hospital.surveillance.app.support.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One running platform per test class; each test works in its own wards so they can share it. */
abstract class RunningAlertsPlatform {

    @TempDir
    static Path dataDir;
    static Platform platform;
    static AlertsApi api;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.start(dataDir);
        api = new AlertsApi(platform);
    }

    @AfterAll
    static void stopPlatform() {
        platform.close();
    }
}

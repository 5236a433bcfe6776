package org.hospital.surveillance.app.alerts;

import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.SharedPlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The run's shared platform; each test works in its own wards so they can share it. */
@ExtendWith(SharedPlatform.class)
abstract class RunningAlertsPlatform {

    static Platform platform;
    static AlertsApi api;

    @BeforeAll
    static void startPlatform(SharedPlatform shared) {
        platform = shared.get();
        api = new AlertsApi(platform);
    }
}

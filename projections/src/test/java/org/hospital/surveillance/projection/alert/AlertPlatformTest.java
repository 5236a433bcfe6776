package org.hospital.surveillance.projection.alert;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test against a fresh alert pipeline (its own event store, processors and Mongo server) per test. */
abstract class AlertPlatformTest {

    protected AlertPlatform platform;

    @BeforeEach
    void startPlatform() {
        platform = new AlertPlatform();
    }

    @AfterEach
    void stopPlatform() {
        platform.close();
    }
}

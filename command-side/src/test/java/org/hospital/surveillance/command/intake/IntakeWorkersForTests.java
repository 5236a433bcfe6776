package org.hospital.surveillance.command.intake;

import java.time.Duration;

/** Intake workers for tests that dispatch commands without the Spring context. */
public final class IntakeWorkersForTests {

    /** A few workers, shared by the tests of one JVM (their threads are daemons). */
    public static final IntakeWorkers FEW = new IntakeWorkers(new IntakeSettings(4, 100, Duration.ofSeconds(1)));

    private IntakeWorkersForTests() {
    }
}

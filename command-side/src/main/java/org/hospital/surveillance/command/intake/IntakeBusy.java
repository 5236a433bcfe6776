package org.hospital.surveillance.command.intake;

import java.time.Duration;

/**
 * Every intake worker is busy and the queue is full: the fact was not recorded, and the client is
 * to send it again after {@link #retryAfter()} (a 503, web/ApiProblemHandler in the app module).
 */
public final class IntakeBusy extends RuntimeException {

    private final transient Duration retryAfter;

    public IntakeBusy(Duration retryAfter) {
        super("Every intake worker is busy and the intake queue is full", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}

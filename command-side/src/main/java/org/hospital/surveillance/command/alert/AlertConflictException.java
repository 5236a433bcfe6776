package org.hospital.surveillance.command.alert;

/**
 * A nurse asked for something the alert's state no longer allows (acknowledging a closed alert,
 * closing a closed alert with a different outcome). The HTTP API answers 409.
 */
public class AlertConflictException extends RuntimeException {

    public AlertConflictException(String message) {
        super(message);
    }
}

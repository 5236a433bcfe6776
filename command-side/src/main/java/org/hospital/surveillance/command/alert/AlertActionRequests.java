package org.hospital.surveillance.command.alert;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hospital.surveillance.events.alert.AlertStatus;
import org.hospital.surveillance.events.alert.CloseOutcome;

/** Bodies of the nurses' alert actions, read and checked like every request body (command-side intake). */
final class AlertActionRequests {

    static final int NOTE_MAX_LENGTH = 2000;

    private AlertActionRequests() {
    }

    record Acknowledge(@Size(max = NOTE_MAX_LENGTH) String note) {
    }

    record Close(
            @NotNull(message = "is required: CONFIRMED_OUTBREAK or FALSE_ALARM") CloseOutcome outcome,
            @Size(max = NOTE_MAX_LENGTH) String note) {
    }

    /** What the API answers: the alert and the status it is in now. */
    record Done(String alertId, AlertStatus status) {
    }
}

package org.hospital.surveillance.command.alert;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hospital.surveillance.events.alert.AlertStatus;

/** Bodies of the nurses' alert actions. */
final class AlertActionRequests {

    static final int NOTE_MAX_LENGTH = 2000;

    private AlertActionRequests() {
    }

    record Acknowledge(@Size(max = NOTE_MAX_LENGTH) String note) {
    }

    /**
     * The outcome is a string checked by a pattern rather than the enum, so that a wrong value is
     * a validation error naming the field {@code outcome} instead of an unreadable-body error.
     */
    record Close(
            @NotNull(message = "is required: CONFIRMED_OUTBREAK or FALSE_ALARM")
            @Pattern(regexp = "CONFIRMED_OUTBREAK|FALSE_ALARM", message = "must be CONFIRMED_OUTBREAK or FALSE_ALARM")
            String outcome,
            @Size(max = NOTE_MAX_LENGTH) String note) {
    }

    /** What the API answers: the alert and the status it is in now. */
    record Done(String alertId, AlertStatus status) {
    }
}

package org.hospital.surveillance.command.intake;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.Temporal;

/** Checks {@link NotInFuture} on an {@link Instant} or a {@link LocalDate}; the message says what "now" is. */
public final class NotInFutureValidator implements ConstraintValidator<NotInFuture, Temporal> {
    /** Clocks of hospital systems drift; a fact up to this far ahead of ours is accepted as "now". */
    public static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);

    @Override
    public boolean isValid(Temporal value, ConstraintValidatorContext context) {
        Clock clock = context.getClockProvider().getClock();
        Instant now = clock.instant();
        Instant latest = now.plus(CLOCK_TOLERANCE);
        String message;
        if (value instanceof Instant instant) {
            if (!instant.isAfter(latest)) {
                return true;
            }
            message = "must not be in the future (it is " + now + " now)";
        } else if (value instanceof LocalDate date) {
            if (!date.atStartOfDay(clock.getZone()).toInstant().isAfter(latest)) {
                return true;
            }
            message = "must not be in the future (it is " + LocalDate.ofInstant(now, clock.getZone()) + " in the hospital now)";
        } else {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(literal(message)).addConstraintViolation();
        return false;
    }

    /** A message as a Bean Validation template that is not interpolated: braces, dollars and backslashes escaped. */
    static String literal(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}

package org.hospital.surveillance.command.intake;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An instant at most {@link NotInFutureValidator#CLOCK_TOLERANCE} ahead of the platform's clock
 * (hospital systems' clocks drift), or a calendar day that does not start later than that in the
 * hospital's time zone. The clock is Bean Validation's {@code ClockProvider}: the application's
 * {@code Clock} in the hospital's zone ({@link RequestBodyReader}).
 */
@Constraint(validatedBy = NotInFutureValidator.class)
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
public @interface NotInFuture {
    String message() default "must not be in the future";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

package org.hospital.surveillance.command.intake;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A natural key or identifier (accession number, ward, patient, ...). Keys become part of the
 * event store's aggregate identifier (a VARCHAR(255) column) and are compared exactly, so
 * " L-001" must not silently become a second fact beside "L-001": no surrounding spaces, no
 * control characters, at most 100 characters. Any script is allowed (ward names need not be ASCII).
 */
@NotBlank
@Size(max = 100)
@Pattern(regexp = "[^\\s\\p{Cc}](?:[^\\p{Cc}]*[^\\s\\p{Cc}])?")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
public @interface FactKey {
    String message() default "must be a non-blank identifier of at most 100 characters, without control characters or surrounding spaces";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

package org.hospital.surveillance.command.intake;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A request whose rules involve more than one field (a field required or refused depending on
 * another, a count bounded by another). The class-level constraint {@link Checked} runs them
 * with the per-field constraints, so one 400 names every bad field.
 */
public interface CrossFieldRules {

    /** Reports each broken rule on the field it is about. */
    void check(Checks checks);

    /** Put on a request record that implements {@link CrossFieldRules}. */
    @Constraint(validatedBy = Validator.class)
    @Documented
    @Retention(RUNTIME)
    @Target(TYPE)
    @interface Checked {
        String message() default "breaks a rule across fields";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    final class Validator implements ConstraintValidator<Checked, CrossFieldRules> {
        @Override
        public boolean isValid(CrossFieldRules value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            Checks checks = new Checks(context);
            value.check(checks);
            return checks.passed();
        }
    }
}

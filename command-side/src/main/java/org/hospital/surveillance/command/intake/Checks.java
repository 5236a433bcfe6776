package org.hospital.surveillance.command.intake;

import jakarta.validation.ConstraintValidatorContext;

/**
 * The rules of a request that depend on another of its fields, worded for the person who filled
 * it in. Each broken rule becomes a constraint violation on the field it is about (so the 400
 * names that field); a rule whose other field is itself invalid is skipped, so that each bad
 * field is named once, with its own problem.
 */
public final class Checks {
    private final ConstraintValidatorContext context;
    private boolean passed = true;

    Checks(ConstraintValidatorContext context) {
        this.context = context;
    }

    /** {@code field} must be given when {@code condition} holds; {@code when} completes "is required when ...". */
    public void requiredWhen(boolean condition, String field, Object value, String when) {
        if (condition && isAbsent(value)) {
            report(field, "is required when " + when);
        }
    }

    /** {@code field} must be absent unless {@code allowed}; {@code because} says what does not take it. */
    public void refusedUnless(boolean allowed, String field, Object value, String because) {
        if (!allowed && !isAbsent(value)) {
            report(field, "must be absent: " + because);
        }
    }

    /**
     * A count that cannot exceed another (device-days cannot exceed the patients present), once
     * both are valid counts: a negative limit is reported on its own field.
     */
    public void atMost(String field, Integer value, String limitField, Integer limit) {
        if (value != null && limit != null && limit >= 0 && value > limit) {
            report(field, "must not exceed " + limitField + " (" + limit + ")");
        }
    }

    boolean passed() {
        return passed;
    }

    private void report(String field, String message) {
        passed = false;
        context.buildConstraintViolationWithTemplate(NotInFutureValidator.literal(message))
                .addPropertyNode(field)
                .addConstraintViolation();
    }

    private static boolean isAbsent(Object value) {
        return value == null || value instanceof String s && s.isBlank();
    }

    /** A blank optional text is the same as an absent one, so that "" and null are not two versions of a fact. */
    public static String textOrNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

package org.hospital.surveillance.command.intake;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The cross-field and clock rules of a submission, worded for the person who filled it in. A
 * check on a field whose own value is already reported (wrong type, missing) adds nothing, so
 * each bad field is named once with its first problem.
 */
public final class Checks {
    /** Clocks of hospital systems drift; a fact up to this far ahead of ours is accepted as "now". */
    public static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);

    private final List<FieldProblem> problems;
    private final Instant now;
    private final ZoneId hospitalZone;

    Checks(List<FieldProblem> problems, Instant now, ZoneId hospitalZone) {
        this.problems = problems;
        this.now = now;
        this.hospitalZone = hospitalZone;
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

    /** A count that cannot exceed another (device-days cannot exceed the patients present), once both are valid. */
    public void atMost(String field, Integer value, String limitField, Integer limit) {
        if (value != null && limit != null && value > limit && !isReported(limitField)) {
            report(field, "must not exceed " + limitField + " (" + limit + ")");
        }
    }

    public void notInFuture(String field, Instant value) {
        if (value != null && value.isAfter(now.plus(CLOCK_TOLERANCE))) {
            report(field, "must not be in the future (it is " + now + " now)");
        }
    }

    /** A calendar day is in the future when it starts (in the hospital's time zone) after now. */
    public void notInFuture(String field, LocalDate value) {
        if (value != null && value.atStartOfDay(hospitalZone).toInstant().isAfter(now.plus(CLOCK_TOLERANCE))) {
            report(field, "must not be in the future (it is " + LocalDate.ofInstant(now, hospitalZone) + " in the hospital now)");
        }
    }

    private boolean isReported(String field) {
        return problems.stream().anyMatch(p -> p.field().equals(field));
    }

    private void report(String field, String message) {
        reportOnce(problems, field, message);
    }

    /** Adds the problem unless the field is already reported: its first problem is the one to fix first. */
    static void reportOnce(List<FieldProblem> problems, String field, String message) {
        if (problems.stream().noneMatch(p -> p.field().equals(field))) {
            problems.add(new FieldProblem(field, message));
        }
    }

    private static boolean isAbsent(Object value) {
        return value == null || value instanceof String s && s.isBlank();
    }

    /** A blank optional text is the same as an absent one, so that "" and null are not two versions of a fact. */
    public static String textOrNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

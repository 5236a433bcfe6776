package org.hospital.surveillance.query.support;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebInputException;

/**
 * The required {@code month} query parameter of the figure reads, {@code YYYY-MM}. Parsed here
 * rather than bound by Spring so that a malformed value gets a 400 whose problem detail names the
 * parameter (Spring's own says only "Type mismatch."); the exceptions keep Spring's shapes (a
 * missing value, a type mismatch whose property is {@code month}) for the shared error handler.
 */
public final class MonthParameter {

    public static final String NAME = "month";

    private MonthParameter() {
    }

    public static YearMonth parse(String value) {
        if (value == null || value.isBlank()) {
            throw new MissingRequestValueException(NAME, YearMonth.class, "query parameter", null);
        }
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            TypeMismatchException mismatch = new TypeMismatchException(value, YearMonth.class, e);
            mismatch.initPropertyName(NAME);
            throw new ServerWebInputException("month must be a month as YYYY-MM, e.g. 2026-03", null, mismatch);
        }
    }
}

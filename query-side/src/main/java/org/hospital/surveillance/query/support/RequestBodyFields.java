package org.hospital.surveillance.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.validation.MapBindingResult;

/**
 * Reads the JSON body of a read request (a search, a what-if) field by field and notes every
 * problem instead of stopping at the first, so one 400 names every bad field. Stricter than the
 * app's Jackson defaults on purpose: an unknown field is an error, because a misspelt filter
 * ({@code "patientID"}) silently ignored would widen an export to every patient.
 * A missing or null field reads as null; one of the wrong type reads as null and is noted.
 */
public final class RequestBodyFields {

    private final JsonNode body;
    private final MapBindingResult problems = new MapBindingResult(new java.util.HashMap<>(), "body");

    private RequestBodyFields(JsonNode body) {
        this.body = body;
    }

    /** The body's fields; anything but a JSON object, and every field not in {@code known}, is noted. */
    public static RequestBodyFields of(JsonNode body, Set<String> known) {
        RequestBodyFields fields = new RequestBodyFields(body);
        if (body == null || !body.isObject()) {
            fields.reject("body", "must be a JSON object");
            return fields;
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                fields.reject(name, "is not a known field");
            }
        }
        return fields;
    }

    public String text(String field) {
        JsonNode node = node(field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            return rejected(field, "must be a string");
        }
        return node.textValue();
    }

    public Instant instant(String field) {
        String text = text(field);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return rejected(field, "must be an ISO-8601 instant such as 2026-03-05T10:00:00Z");
        }
    }

    public Integer wholeNumber(String field) {
        JsonNode node = node(field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            return rejected(field, "must be a whole number");
        }
        return node.intValue();
    }

    /** An enum constant by its exact name (the API's enums are upper case, as everywhere in it). */
    public <E extends Enum<E>> E oneOf(String field, Class<E> type) {
        String text = text(field);
        if (text == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        return rejected(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
    }

    /** A 400 naming one field, for a problem found outside a body (e.g. a query parameter that must not be sent). */
    public static BindException invalid(String field, String message) {
        RequestBodyFields fields = new RequestBodyFields(null);
        fields.reject(field, message);
        return new BindException(fields.problems);
    }

    public void reject(String field, String message) {
        problems.addError(new FieldError("body", field, message));
    }

    public boolean hasProblem(String field) {
        return problems.hasFieldErrors(field);
    }

    /** A 400 naming every field noted (the app's problem handler renders it), or nothing if all was well. */
    public void throwIfInvalid() throws BindException {
        if (problems.hasErrors()) {
            throw new BindException(problems);
        }
    }

    private JsonNode node(String field) {
        if (body == null || !body.isObject()) {
            return null;
        }
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node;
    }

    private <T> T rejected(String field, String message) {
        reject(field, message);
        return null;
    }
}

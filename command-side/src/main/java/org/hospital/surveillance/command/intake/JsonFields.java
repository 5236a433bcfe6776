package org.hospital.surveillance.command.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a JSON object into a submission record one field at a time, noting every field of the
 * wrong type instead of stopping at the first (Jackson's data binding fails fast). It is also
 * stricter than Jackson's defaults, which would turn 2.5 patients into 2 and "18" into 18: a
 * count must be a JSON whole number, a text a JSON string, a time an ISO-8601 instant.
 * A field of the wrong type is read as null; unknown fields are ignored.
 */
final class JsonFields {
    private final List<FieldProblem> problems;

    JsonFields(List<FieldProblem> problems) {
        this.problems = problems;
    }

    /** The record read from {@code node}, with null in every field that was absent or unreadable. */
    <T> T read(JsonNode node, Class<T> type) {
        if (node == null || !node.isObject()) {
            problems.add(new FieldProblem("body", "must be a JSON object"));
            return null;
        }
        return readRecord(node, type, "");
    }

    private <T> T readRecord(JsonNode node, Class<T> type, String prefix) {
        RecordComponent[] components = type.getRecordComponents();
        if (components == null) {
            throw new IllegalArgumentException(type + " is not a record");
        }
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            values[i] = readValue(node.get(component.getName()), component.getGenericType(), prefix + component.getName());
        }
        try {
            Constructor<T> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("A submission record must accept any field values: " + type, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object readValue(JsonNode node, Type type, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            return node.isTextual() ? node.textValue() : bad(field, "must be a string");
        }
        if (raw == Integer.class) {
            return node.isIntegralNumber() && node.canConvertToInt() ? node.intValue() : bad(field, "must be a whole number");
        }
        if (raw == Double.class) {
            return node.isNumber() && Double.isFinite(node.doubleValue()) ? node.doubleValue() : bad(field, "must be a number");
        }
        if (raw.isEnum()) {
            return readEnum(node, raw, field);
        }
        if (raw == Instant.class) {
            return readParsed(node, field, Instant::parse, "must be an ISO-8601 instant such as 2026-03-05T10:00:00Z");
        }
        if (raw == LocalDate.class) {
            return readParsed(node, field, LocalDate::parse, "must be a date YYYY-MM-DD");
        }
        if (raw.isRecord()) {
            return node.isObject() ? readRecord(node, raw, field + ".") : bad(field, "must be a JSON object");
        }
        if (raw == List.class && type instanceof ParameterizedType p) {
            return readList(node, p.getActualTypeArguments()[0], field);
        }
        throw new IllegalArgumentException("No JSON reading for " + type + " (" + field + ")");
    }

    private Object readEnum(JsonNode node, Class<?> type, String field) {
        Object[] allowed = type.getEnumConstants();
        if (node.isTextual()) {
            for (Object constant : allowed) {
                if (((Enum<?>) constant).name().equals(node.textValue())) {
                    return constant;
                }
            }
        }
        return bad(field, "must be one of " + Arrays.toString(allowed));
    }

    /** A time or date: a JSON string the parser accepts, else {@code expected} is reported. */
    private Object readParsed(JsonNode node, String field, Function<String, ?> parser, String expected) {
        if (node.isTextual()) {
            try {
                return parser.apply(node.textValue());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        return bad(field, expected);
    }

    private Object readList(JsonNode node, Type elementType, String field) {
        if (!node.isArray()) {
            return bad(field, "must be a JSON array");
        }
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            elements.add(readValue(node.get(i), elementType, field + "[" + i + "]"));
        }
        return elements;
    }

    private Object bad(String field, String message) {
        problems.add(new FieldProblem(field, message));
        return null;
    }
}

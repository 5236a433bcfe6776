package org.hospital.surveillance.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Set;
import java.util.function.Predicate;
import org.hospital.surveillance.projection.history.HistoryQuery;
import org.hospital.surveillance.rules.OrganismNames;

/**
 * Which recorded events an epidemiologist asked for; every criterion given must hold, a null or
 * blank one is no criterion.
 * <ul>
 * <li>{@code from} (inclusive) and {@code to} (exclusive) bound the time the event was recorded;</li>
 * <li>{@code type} is the event's simple name (e.g. {@code LabResultRecorded});</li>
 * <li>time and type are answered by the database ({@link #query()}), the rest on each row;</li>
 * <li>{@code stream} is the kind of fact, the part of the aggregate id before the colon
 * ({@code lab-result}, {@code case-report}, {@code ward-census}, {@code environment-sample},
 * {@code sterilization-load}, {@code alert});</li>
 * <li>{@code wardId}, {@code organism} and {@code patientId} match the field of that name in the
 * row's flat payload: at its top level, in an object it holds, or in the cases an alert lists. Organism compares as everywhere: trimmed, inner spaces collapsed,
 * case-insensitive. Events that carry no such field (a census has no organism, an acknowledgement
 * no ward) are left out when the criterion is given.</li>
 * </ul>
 */
public record HistoryFilter(Instant from, Instant to, String type, String stream, String wardId, String organism,
                            String patientId) {

    public HistoryFilter {
        type = blankToNull(type);
        stream = blankToNull(stream);
        wardId = blankToNull(wardId);
        organism = blankToNull(organism) == null ? null : OrganismNames.normalise(organism);
        patientId = blankToNull(patientId);
    }

    /** What the database answers: the time range and the type. */
    HistoryQuery query() {
        return new HistoryQuery(-1, from, to, type == null ? Set.of() : Set.of(type));
    }

    /** The criteria the database cannot answer, on the row (time and type again: an upcaster may have renamed or split). */
    boolean accepts(HistoryRow row) {
        return (type == null || type.equals(row.type()))
                && (from == null || !row.recordedAt().isBefore(from)) && (to == null || row.recordedAt().isBefore(to))
                && (stream == null || stream.equals(row.stream()))
                && acceptsPayload(row.payload());
    }

    boolean acceptsPayload(JsonNode payload) {
        return (wardId == null || names(payload, "wardId", wardId::equals))
                && (organism == null || names(payload, "organism", value -> organism.equals(OrganismNames.normalise(value))))
                && (patientId == null || names(payload, "patientId", patientId::equals));
    }

    /** Whether the payload, the fact it wraps, or a case it lists has {@code field} with a matching value. */
    private static boolean names(JsonNode payload, String field, Predicate<String> matches) {
        if (matches(payload, field, matches)) {
            return true;
        }
        for (JsonNode child : payload) {
            if (matches(child, field, matches)) {
                return true;
            }
            if (child.isArray()) {
                for (JsonNode element : child) {
                    if (matches(element, field, matches)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean matches(JsonNode node, String field, Predicate<String> matches) {
        JsonNode value = node.isObject() ? node.get(field) : null;
        return value != null && value.isTextual() && matches.test(value.textValue().trim());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

package org.hospital.surveillance.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Which recorded events an epidemiologist asked for. {@code from} is inclusive and {@code to}
 * exclusive on the time the event was recorded; {@code type} is the event's simple name
 * (e.g. {@code LabResultRecorded}); {@code wardId} matches the ward of the fact.
 */
public record HistoryFilter(Instant from, Instant to, String type, String wardId) {

    boolean acceptsType(String eventType) {
        return type == null || type.equals(eventType);
    }

    boolean acceptsRecordedAt(Instant recordedAt) {
        return (from == null || !recordedAt.isBefore(from)) && (to == null || recordedAt.isBefore(to));
    }

    /** Facts are wrapped one level deep ({@code {"labResult":{...,"wardId":...}}}); alerts carry it at the top. */
    boolean acceptsPayload(JsonNode payload) {
        if (wardId == null) {
            return true;
        }
        if (wardId.equals(payload.path("wardId").asText(null))) {
            return true;
        }
        for (JsonNode child : payload) {
            if (child.isObject() && wardId.equals(child.path("wardId").asText(null))) {
                return true;
            }
        }
        return false;
    }
}

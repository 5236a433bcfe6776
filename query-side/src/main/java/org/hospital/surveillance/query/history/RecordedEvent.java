package org.hospital.surveillance.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One event of the history as the epidemiologist sees it: the fact, where it sits, who submitted it and how. */
public record RecordedEvent(
        long position,
        String type,
        String aggregateId,
        long sequence,
        Instant recordedAt,
        JsonNode payload,
        JsonNode metadata) {
}

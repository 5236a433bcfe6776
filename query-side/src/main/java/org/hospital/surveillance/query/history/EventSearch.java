package org.hospital.surveillance.query.history;

import jakarta.validation.constraints.Pattern;
import java.time.Instant;

/**
 * Body of {@code POST /api/events/search}: the filters of {@code GET /api/events} plus
 * {@code patientId}, read and checked like every request body. An unknown field is a 400: a
 * misspelt filter ({@code "patientID"}) silently ignored would widen an export to every patient.
 */
record EventSearch(Instant from, Instant to, String type, String stream, String wardId, String organism,
                   String patientId,
                   @Pattern(regexp = "(?i)csv|ndjson", message = "must be csv or ndjson") String format) {

    HistoryFilter filter() {
        return new HistoryFilter(from, to, type, stream, wardId, organism, patientId);
    }
}

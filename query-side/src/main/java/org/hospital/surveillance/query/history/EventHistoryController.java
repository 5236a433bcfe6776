package org.hospital.surveillance.query.history;

import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * {@code GET /api/events}: the raw event history in append order, as NDJSON (default) or CSV
 * ({@code format=csv}, or an {@code Accept} header that asks for {@code text/csv}), streamed as
 * it is read.
 */
@RestController
class EventHistoryController {

    static final MediaType NDJSON = MediaType.APPLICATION_NDJSON;
    static final MediaType CSV = new MediaType("text", "csv");

    private final EventHistory history;
    private final CsvLines csv;

    EventHistoryController(EventHistory history, CsvLines csv) {
        this.history = history;
        this.csv = csv;
    }

    @GetMapping("/api/events")
    ResponseEntity<Flux<?>> events(@RequestParam(required = false) Instant from,
                                   @RequestParam(required = false) Instant to,
                                   @RequestParam(required = false) String type,
                                   @RequestParam(required = false) String wardId,
                                   @RequestParam(required = false) String format,
                                   @RequestHeader(value = "Accept", required = false) List<MediaType> accept) {
        Flux<RecordedEvent> events = history.read(new HistoryFilter(from, to, type, wardId));
        if (wantsCsv(format, accept)) {
            return ResponseEntity.ok().contentType(CSV).body(csv.of(events));
        }
        return ResponseEntity.ok().contentType(NDJSON).body(events);
    }

    /** {@code format} outranks the Accept header. */
    static boolean wantsCsv(String format, List<MediaType> accept) {
        if (format != null) {
            return "csv".equalsIgnoreCase(format);
        }
        if (accept == null) {
            return false;
        }
        // The first concrete type the client names decides; wildcards alone mean the default.
        for (MediaType type : accept) {
            if (!type.isWildcardType() && !type.isWildcardSubtype()) {
                return type.equalsTypeAndSubtype(CSV);
            }
        }
        return false;
    }
}

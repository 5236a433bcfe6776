package org.hospital.surveillance.query.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindException;
import org.springframework.validation.MapBindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The raw event history in append order, as NDJSON (default) or CSV ({@code format=csv}, or an
 * {@code Accept} header that asks for {@code text/csv}), streamed as it is read.
 * <ul>
 * <li>{@code GET /api/events?from=&to=&type=&stream=&wardId=&organism=&format=}</li>
 * <li>{@code POST /api/events/search} with the same filters as a JSON body, plus {@code patientId}.
 * A patient filter is offered only here: a URL's query string is written to the access logs of
 * every proxy and load balancer on the way, and patient identifiers must never be. A GET that
 * carries {@code patientId} is refused with a 400 pointing here.</li>
 * </ul>
 */
@RestController
class EventHistoryController {

    static final MediaType NDJSON = MediaType.APPLICATION_NDJSON;
    static final MediaType CSV = new MediaType("text", "csv");
    static final String SEARCH_PATH = "/api/events/search";

    private final EventHistory history;
    private final CsvLines csv;
    private final ObjectMapper json;

    EventHistoryController(EventHistory history, CsvLines csv, ObjectMapper json) {
        this.history = history;
        this.csv = csv;
        this.json = json;
    }

    @GetMapping("/api/events")
    ResponseEntity<Flux<String>> events(@RequestParam(required = false) Instant from,
                                   @RequestParam(required = false) Instant to,
                                   @RequestParam(required = false) String type,
                                   @RequestParam(required = false) String stream,
                                   @RequestParam(required = false) String wardId,
                                   @RequestParam(required = false) String organism,
                                   @RequestParam(required = false) String patientId,
                                   @RequestParam(required = false) String format,
                                   @RequestHeader(value = "Accept", required = false) List<MediaType> accept)
            throws BindException {
        if (patientId != null) {
            MapBindingResult query = new MapBindingResult(new HashMap<>(), "query");
            query.rejectValue("patientId", "inUrl", "must not appear in a URL, where proxies log it: use POST "
                    + SEARCH_PATH + " with the filters in a JSON body");
            throw new BindException(query);
        }
        return respond(new HistoryFilter(from, to, type, stream, wardId, organism, null), wantsCsv(format, accept));
    }

    @PostMapping(SEARCH_PATH)
    Mono<ResponseEntity<Flux<String>>> search(@RequestBody Mono<EventSearch> body,
                                   @RequestHeader(value = "Accept", required = false) List<MediaType> accept) {
        return body.map(search -> respond(search.filter(), wantsCsv(search.format(), accept)));
    }

    /**
     * Both formats are written as lines of text: a body declared as a Flux of anything would leave
     * WebFlux no encoder for text/csv (it picks one by the declared element type).
     */
    private ResponseEntity<Flux<String>> respond(HistoryFilter filter, boolean csvWanted) {
        Flux<HistoryRow> rows = history.read(filter);
        if (csvWanted) {
            return ResponseEntity.ok().contentType(CSV).body(csv.of(rows));
        }
        return ResponseEntity.ok().contentType(NDJSON).body(rows.map(this::ndjsonLine));
    }

    private String ndjsonLine(HistoryRow row) {
        try {
            return json.writeValueAsString(row) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event of the history cannot be written as JSON", e);
        }
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

package org.hospital.surveillance.query.history;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The history as RFC 4180 CSV, one event a row, ready for {@code read.csv} in R or
 * {@code pandas.read_csv}: the payload is one JSON column to parse further.
 */
@Component
class CsvLines {

    static final String HEADER = "position,type,aggregateId,sequence,recordedAt,principal,channel,receivedAt,payload\r\n";

    Flux<String> of(Flux<RecordedEvent> events) {
        return Flux.concat(Flux.just(HEADER), events.map(CsvLines::row));
    }

    static String row(RecordedEvent e) {
        return String.join(",",
                Long.toString(e.position()),
                quote(e.type()),
                quote(e.aggregateId()),
                Long.toString(e.sequence()),
                e.recordedAt().toString(),
                quote(e.metadata().path("principal").asText("")),
                quote(e.metadata().path("channel").asText("")),
                quote(e.metadata().path("receivedAt").asText("")),
                quote(e.payload().toString())) + "\r\n";
    }

    static String quote(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}

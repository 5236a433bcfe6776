package org.hospital.surveillance.query.history;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The history as RFC 4180 CSV, one {@link HistoryRow} a line, ready for {@code read.csv} in R or
 * {@code pandas.read_csv}: the row's fields as columns, in the row's order, {@code metadata}'s
 * {@code receivedAt} as its own column, and the flat payload as one JSON column
 * ({@code payload}), since its fields differ from stream to stream (docs/epidemiology.md).
 */
@Component
class CsvLines {

    static final String HEADER =
            "rowVersion,position,type,stream,key,aggregateId,sequence,recordedAt,principal,channel,receivedAt,payload\r\n";

    Flux<String> of(Flux<HistoryRow> rows) {
        return Flux.concat(Flux.just(HEADER), rows.map(CsvLines::row));
    }

    static String row(HistoryRow r) {
        return String.join(",",
                Integer.toString(r.rowVersion()),
                Long.toString(r.position()),
                quote(r.type()),
                quote(r.stream()),
                quote(r.key()),
                quote(r.aggregateId()),
                Long.toString(r.sequence()),
                r.recordedAt().toString(),
                quote(r.principal()),
                quote(r.channel()),
                quote(r.metadata().receivedAt()),
                quote(r.payload().toString())) + "\r\n";
    }

    static String quote(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}

package org.hospital.surveillance.app.metrics;

import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** One value of one indicator metric: a row of a multi-gauge, e.g. the AIR compliance ratio of ward ICU-1. */
record Indicator(String metric, String description, Tags tags, double value) {

    /** Reads a family of indicators for a month from the read models (blocking is fine: it runs on its own thread). */
    interface Source {
        List<Indicator> read(YearMonth month);

        /** The rows of a query-side read, waited for on the refresh thread (never on a web thread). */
        static <T> List<T> rows(Flux<T> read, Duration timeout) {
            return rows(read.collectList(), timeout);
        }

        /** The same for a read that answers its rows as one list. */
        static <T> List<T> rows(Mono<List<T>> read, Duration timeout) {
            List<T> rows = read.block(timeout);
            return rows == null ? List.of() : rows;
        }
    }
}

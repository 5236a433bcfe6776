package org.hospital.surveillance.command.intake;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hospital.surveillance.command.WriteOutcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The answer to every write: {@code {"id": <natural key>, "outcome": ...}} plus what the platform
 * computed from the fact (e.g. {@code hospitalOnset}, {@code compliant} and {@code limit}).
 */
@JsonPropertyOrder({"id", "outcome"})
public record WriteReceipt(String id, WriteOutcome outcome, @JsonIgnore Map<String, Object> computed) {

    public WriteReceipt {
        computed = Collections.unmodifiableMap(new LinkedHashMap<>(computed));
    }

    public static WriteReceipt of(String id, WriteOutcome outcome) {
        return new WriteReceipt(id, outcome, Map.of());
    }

    /** The receipt with one more computed field. */
    public WriteReceipt with(String field, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(computed);
        more.put(field, value);
        return new WriteReceipt(id, outcome, more);
    }

    @JsonAnyGetter
    Map<String, Object> computedFields() {
        return computed;
    }

    /** 201 when the fact is new, 200 when it was already known (duplicate) or amended. */
    public ResponseEntity<WriteReceipt> toResponse() {
        return ResponseEntity.status(outcome == WriteOutcome.RECORDED ? HttpStatus.CREATED : HttpStatus.OK).body(this);
    }
}

package org.hospital.surveillance.query.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One event of the history as the export publishes it: the export's own row, documented in
 * docs/epidemiology.md ("The export row"), not the serialisation of an internal record. A change
 * of its fields raises {@link #VERSION}; refactoring an event record does not change it.
 *
 * @param rowVersion  the version of this row's layout ({@value #VERSION})
 * @param position    the event's place in the append order (Axon's global index); strictly increasing
 * @param type        the event's name, e.g. {@code LabResultRecorded}
 * @param stream      the kind of fact, e.g. {@code lab-result}, {@code case-report}, {@code alert}
 * @param key         the fact's natural key within its stream (an accession number, a case id, ...)
 * @param aggregateId {@code stream:key}
 * @param sequence    the event's number among the events of its fact, from 0
 * @param recordedAt  when the platform recorded the event
 * @param principal   who submitted it ({@code null} for what the platform decided itself)
 * @param channel     how it arrived: {@code HTTP}, {@code HL7} or {@code SYSTEM}
 * @param payload     the fact's fields, flat ({@code payload.wardId} whatever the stream)
 * @param metadata    {@code principal}, {@code channel} and {@code receivedAt}, as in the first version of the row
 */
@JsonPropertyOrder({"rowVersion", "position", "type", "stream", "key", "aggregateId", "sequence", "recordedAt",
        "principal", "channel", "payload", "metadata"})
public record HistoryRow(
        int rowVersion,
        long position,
        String type,
        String stream,
        String key,
        String aggregateId,
        long sequence,
        Instant recordedAt,
        String principal,
        String channel,
        JsonNode payload,
        Submission metadata) {

    /** 1 was the row before {@code stream}, {@code key}, {@code principal}, {@code channel} and the flat payload. */
    public static final int VERSION = 2;

    /** Who submitted the fact, how and when; Axon's own tracing ids are internal and left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Submission(String principal, String channel, String receivedAt) {
    }
}

package org.hospital.surveillance.projection.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A fact's locator: the last applied aggregate sequence number per part of the fact, the buckets
 * ids it sits in (at most one once an update has completed), and its state.
 *
 * <p>Parts exist because some facts are fed by independent events: a load and its late
 * biological reading each carry their own version, and neither must hide the other.
 */
public record FactRecord(Map<String, Long> applied, List<String> placedIn, Document state) {

    public FactRecord {
        applied = Map.copyOf(applied);
        placedIn = List.copyOf(placedIn);
        state = new Document(state);
    }

    public static FactRecord none() {
        return new FactRecord(Map.of(), List.of(), new Document());
    }

    /** Whether this version (or a later one) of the part has already been applied. */
    public boolean hasApplied(String part, long sequence) {
        Long last = applied.get(part);
        return last != null && last >= sequence;
    }

    /** The locator as a fact collection stores it: {@code {_id, applied: {<part>: <sequence>}, placedIn, state}}. */
    public Document toDocument(String factId) {
        return new Document("_id", factId)
                .append("applied", new Document(applied))
                .append("placedIn", placedIn)
                .append("state", state);
    }

    /** Reads a locator back from the document {@link #toDocument} made. */
    public static FactRecord fromDocument(Document stored) {
        Map<String, Long> applied = new HashMap<>();
        stored.get("applied", Document.class).forEach((part, sequence) -> applied.put(part, ((Number) sequence).longValue()));
        return new FactRecord(applied, stored.getList("placedIn", String.class), stored.get("state", Document.class));
    }

    FactRecord next(String part, long sequence, List<String> nowPlacedIn, Document nowState) {
        Map<String, Long> nowApplied = new HashMap<>(applied);
        nowApplied.put(part, sequence);
        return new FactRecord(nowApplied, nowPlacedIn, nowState);
    }
}

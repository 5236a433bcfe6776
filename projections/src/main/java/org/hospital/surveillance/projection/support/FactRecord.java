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

    FactRecord next(String part, long sequence, List<String> nowPlacedIn, Document nowState) {
        Map<String, Long> nowApplied = new HashMap<>(applied);
        nowApplied.put(part, sequence);
        return new FactRecord(nowApplied, nowPlacedIn, nowState);
    }
}

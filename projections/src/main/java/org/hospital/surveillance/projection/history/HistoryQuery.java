package org.hospital.surveillance.projection.history;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

/**
 * Which part of the event history to read ({@link EventHistoryReader}); every criterion given must
 * hold, a null or empty one is no criterion.
 *
 * @param after position (global index) after which to read; -1 for the start of the history
 * @param from  earliest event timestamp, inclusive
 * @param to    latest event timestamp, exclusive
 * @param types payload types, each a fully qualified class name or a simple name (any package):
 *              the names as stored; an upcaster that renames a type must have its old name asked too
 */
public record HistoryQuery(long after, Instant from, Instant to, Set<String> types) {

    public HistoryQuery {
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    /** The whole history, from its start. */
    public static HistoryQuery everything() {
        return new HistoryQuery(-1, null, null, Set.of());
    }

    /** The events of these payload types, from the start of the history. */
    public static HistoryQuery ofTypes(Class<?>... types) {
        return new HistoryQuery(-1, null, null,
                Set.copyOf(Arrays.stream(types).map(Class::getName).toList()));
    }

    /** The events stamped at or before {@code instant}, from the start of the history. */
    public static HistoryQuery upToAndIncluding(Instant instant) {
        return new HistoryQuery(-1, null, instant.plusNanos(1), Set.of());
    }

    /** The same query, for the events of these payload types only. */
    public HistoryQuery withTypes(Set<String> payloadTypes) {
        return new HistoryQuery(after, from, to, payloadTypes);
    }

    public HistoryQuery after(long position) {
        return new HistoryQuery(position, from, to, types);
    }

    /** Whether the query leaves rows out other than by position (the gap-aware tokens need every row). */
    boolean filters() {
        return from != null || to != null || !types.isEmpty();
    }

    boolean acceptsTime(Instant timestamp) {
        return (from == null || !timestamp.isBefore(from)) && (to == null || timestamp.isBefore(to));
    }
}

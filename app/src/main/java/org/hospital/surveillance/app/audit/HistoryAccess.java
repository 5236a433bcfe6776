package org.hospital.surveillance.app.audit;

import java.time.Instant;

/**
 * One look into the history, as the audit log keeps it: who (the authenticated user name), what
 * ({@link Action}), with which filter (query parameters or JSON body fields, a patient filter
 * reduced to the fact that there was one), when, and the path asked for.
 */
public record HistoryAccess(long id, Instant at, String principal, Action action, String path, String filter) {

    /** The ways of reading or replaying the history (api.md). */
    public enum Action {
        /** {@code GET /api/events}: the raw history exported. */
        EXPORT,
        /** {@code POST /api/events/search}: the raw history searched, possibly for one patient. */
        SEARCH,
        /** A figure or the board as it was at an instant ({@code asOf=}). */
        AS_OF_READ,
        /** {@code POST /api/projections/{name}/rebuild}: a read model replayed from the history. */
        REBUILD,
        /** {@code POST /api/what-if/...}: the history replayed under another rule. */
        WHAT_IF
    }
}

package org.hospital.surveillance.projection.support;

import java.util.Optional;
import org.bson.Document;

/**
 * The keyed reads and writes a figure projection needs, and nothing else: each is a single-key
 * operation, idempotent on its own, so MongoDB (no transactions needed) and an in-memory map can
 * both provide it.
 */
public interface FactBook {

    Optional<FactRecord> find(String factId);

    /** Sets the fact's entry in the bucket, creating the bucket if needed. */
    void put(Bucket bucket, FactRef fact, Document entry);

    /** Removes the fact's entry from the bucket, if it is there. */
    void remove(String bucketId, FactRef fact);

    /** Replaces the fact's locator. */
    void record(String factId, FactRecord record);

    /** Forgets every bucket and locator, for a rebuild from the start of the history. */
    void clear();
}

package org.hospital.surveillance.projection.support;

import java.util.Objects;

/**
 * One fact as a read model keeps it: {@code factId} names its locator (the stream id, e.g.
 * {@code case-report:C-001}), and {@code mapField.entryKey} is the entry that carries it inside
 * a bucket document (e.g. {@code cases.C-001}).
 */
public record FactRef(String factId, String mapField, String entryKey) {

    public FactRef {
        Objects.requireNonNull(factId, "factId");
        Objects.requireNonNull(mapField, "mapField");
        Objects.requireNonNull(entryKey, "entryKey");
    }
}

package org.hospital.surveillance.projection.support;

import java.util.Objects;
import org.bson.Document;

/** Where a fact counts and what it contributes there. */
public record Placement(Bucket bucket, Document entry) {

    public Placement {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(entry, "entry");
    }
}

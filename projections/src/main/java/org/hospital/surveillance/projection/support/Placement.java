package org.hospital.surveillance.projection.support;

import java.util.Objects;
import org.bson.Document;

/**
 * Where a fact counts and what it contributes there. The bucket id is a small document (e.g.
 * {@code {wardId, month}}) whose fields are also copied to the top level of the bucket, so that
 * a query can filter on them.
 */
public record Placement(Document bucketId, Document entry) {

    public Placement {
        Objects.requireNonNull(bucketId, "bucketId");
        Objects.requireNonNull(entry, "entry");
    }
}

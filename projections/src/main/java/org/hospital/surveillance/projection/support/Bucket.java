package org.hospital.surveillance.projection.support;

import java.time.YearMonth;
import java.util.Objects;
import org.bson.Document;

/**
 * A bucket: one document per key (ward or sterilizer) and month. Its {@code _id} is the string
 * {@code <key>|<YYYY-MM>}, unambiguous without escaping because the month has a fixed length; its
 * {@code fields} ({@code {wardId|sterilizerId, month}}) are repeated at the top level for the read
 * API's month filter. The query side builds the same ids.
 *
 * <p>Not an embedded-document {@code _id}: the embedded server's H2 backend orders its unique
 * index by the Java-serialised key, and two equal documents (maps) need not serialise alike, so an
 * upsert can miss the existing bucket and fail with a duplicate key. Strings serialise alike.
 */
public record Bucket(String id, Document fields) {

    public Bucket {
        Objects.requireNonNull(id, "id");
        fields = new Document(fields);
    }

    public static Bucket wardMonth(String wardId, YearMonth month) {
        return of("wardId", wardId, month);
    }

    public static Bucket sterilizerMonth(String sterilizerId, YearMonth month) {
        return of("sterilizerId", sterilizerId, month);
    }

    private static Bucket of(String keyField, String key, YearMonth month) {
        return new Bucket(key + "|" + month, new Document(keyField, key).append("month", month.toString()));
    }
}

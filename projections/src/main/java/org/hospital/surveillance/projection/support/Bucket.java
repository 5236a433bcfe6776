package org.hospital.surveillance.projection.support;

import java.time.YearMonth;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;

/**
 * A bucket: one document per key (ward or sterilizer) and month. Its {@code _id} is the string
 * {@code <key>|<YYYY-MM>}, unambiguous without escaping because the month has a fixed length; its
 * {@code fields} ({@code {wardId|sterilizerId, month}}) are repeated at the top level for the read
 * API's month filter. The query side builds the same ids.
 *
 * <p>Beside the buckets, the same collection holds one key list per month,
 * {@code {_id: "<YYYY-MM>|keys", keys: {<escaped key>: {<keyField>: <key>}}}}, naming every key
 * that has had a bucket that month: the query side reads a month's buckets by {@code _id} from it
 * instead of filtering the whole collection on {@code month} (the embedded server has no index
 * but the primary key). Keys are only ever added, so the list is the same whether built live or
 * by a rebuild; a listed bucket whose entries have all left is read and shows no facts. And a
 * document {@value #KEYS_COMPLETE} says the lists are complete: the collection was empty when
 * they began to be kept, or was just cleared. Neither id can be a bucket's, which always
 * ends in {@code |<YYYY-MM>}, and neither has a {@code month} field.
 *
 * <p>Not an embedded-document {@code _id}: the embedded server's H2 backend orders its unique
 * index by the Java-serialised key, and two equal documents (maps) need not serialise alike, so an
 * upsert can miss the existing bucket and fail with a duplicate key. Strings serialise alike.
 */
public record Bucket(String id, Document fields) {

    /** The map field of a month's key list. */
    public static final String KEYS = "keys";
    /** The {@code _id} of the document that says every month's key list is complete. */
    public static final String KEYS_COMPLETE = "month-keys";

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

    /** The {@code _id} of the month's key list. */
    public static String keysOf(String month) {
        return month + "|" + KEYS;
    }

    /** The document that says the key lists are complete, as a bucket and store write it. */
    public static Document keysComplete() {
        return new Document("_id", KEYS_COMPLETE);
    }

    /** The month's key list this bucket's key belongs in. */
    public Bucket monthKeys() {
        return new Bucket(keysOf(fields.getString("month")), new Document());
    }

    /** The entry of {@link #monthKeys()} that lists this bucket's key. */
    public FactRef keyRef() {
        return new FactRef(id, KEYS, (String) key().getValue());
    }

    /** What that entry holds: the key under its own field name, so a reader need not unescape it. */
    public Document keyEntry() {
        return new Document(key().getKey(), key().getValue());
    }

    private Map.Entry<String, Object> key() {
        return fields.entrySet().stream().filter(field -> !field.getKey().equals("month")).findFirst().orElseThrow();
    }

    private static Bucket of(String keyField, String key, YearMonth month) {
        return new Bucket(key + "|" + month, new Document(keyField, key).append("month", month.toString()));
    }
}

package org.hospital.surveillance.query.support;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import reactor.core.publisher.Flux;

/**
 * Reads the figure projections' buckets: one document per key (ward or sterilizer) and month,
 * with {@code _id = "<key>|<YYYY-MM>"}, the key and month repeated as top-level fields
 * ({@code wardId}/{@code sterilizerId}, {@code month}), and one map field of entries, one per fact.
 */
public final class MonthBuckets {

    private final MongoCollection<Document> buckets;
    private final String keyField;

    public MonthBuckets(MongoCollection<Document> buckets, String keyField) {
        this.buckets = buckets;
        this.keyField = keyField;
    }

    /**
     * The month's buckets in key order: one by its {@code _id} when the key is given, else all of
     * the month (a real MongoDB serves that from the projection's {@code month_1_<key>_1} index).
     */
    public Flux<Document> of(YearMonth month, String key) {
        if (key != null && !key.isBlank()) {
            return Flux.from(buckets.find(eq("_id", key + "|" + month)));
        }
        return Flux.from(buckets.find(eq("month", month.toString())).sort(Sorts.ascending(keyField)));
    }

    /** The entries of one map field of a bucket (empty if it has none). */
    public static List<Document> entries(Document bucket, String mapField) {
        Document map = bucket.get(mapField, Document.class);
        List<Document> entries = new ArrayList<>();
        if (map != null) {
            map.values().forEach(value -> entries.add((Document) value));
        }
        return entries;
    }

    /** A count stored in an entry (int32 or int64 alike). */
    public static long count(Document entry, String field) {
        Object value = entry.get(field);
        return value == null ? 0 : ((Number) value).longValue();
    }
}

package org.hospital.surveillance.query.support;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;
import org.hospital.surveillance.projection.support.Bucket;
import reactor.core.publisher.Flux;

/**
 * Reads the figure projections' buckets: one document per key (ward or sterilizer) and month,
 * with {@code _id = "<key>|<YYYY-MM>"}, the key and month repeated as top-level fields
 * ({@code wardId}/{@code sterilizerId}, {@code month}), and one map field of entries, one per fact;
 * beside them one key list per month ({@link Bucket}).
 * Live buckets come from the collection generation the projection serves now; buckets as of an
 * instant from {@link PastReadModels}, selected the same way.
 */
public final class MonthBuckets {

    private final ReadModelCollections collections;
    private final PastReadModels past;
    private final String projection;
    private final String collection;
    private final String keyField;

    public MonthBuckets(MongoDatabase database, PastReadModels past, String projection, String collection, String keyField) {
        this.collections = new ReadModelCollections(database);
        this.past = past;
        this.projection = projection;
        this.collection = collection;
        this.keyField = keyField;
    }

    /**
     * The month's buckets in key order: one by its {@code _id} when the key is given, else all of
     * the month by their {@code _id}s, named by the month's key list ({@link Bucket#monthKeys()});
     * as they were at {@code asOf} when it is given.
     */
    public Flux<Document> of(YearMonth month, String key, Instant asOf) {
        boolean oneKey = key != null && !key.isBlank();
        String id = oneKey ? key + "|" + month : null;
        if (asOf != null) {
            // Today's buckets of the month name every fact that was in them at any instant before.
            return past.documents(projection, collection, live(month, id), asOf)
                    .filter(bucket -> oneKey ? id.equals(bucket.get("_id")) : month.toString().equals(bucket.get("month")))
                    .sort(Comparator.comparing(bucket -> bucket.getString(keyField)));
        }
        return live(month, id);
    }

    private Flux<Document> live(YearMonth month, String id) {
        return collections.of(projection, collection).flatMapMany(buckets -> id != null
                ? buckets.find(eq("_id", id))
                : ofMonth(buckets, month.toString()));
    }

    /**
     * Two reads by {@code _id} on any server: the key list (with the mark that lists are complete),
     * then the listed buckets. Without the mark (buckets written before lists were kept, until a
     * rebuild) the month is filtered on its field, which a real MongoDB serves from the
     * projection's {@code month_1_<key>_1} index and the embedded server by reading every bucket.
     */
    private Flux<Document> ofMonth(MongoCollection<Document> buckets, String month) {
        String keysId = Bucket.keysOf(month);
        return Flux.from(buckets.find(in("_id", Bucket.KEYS_COMPLETE, keysId))).collectList().flatMapMany(found -> {
            boolean complete = found.stream().anyMatch(document -> Bucket.KEYS_COMPLETE.equals(document.get("_id")));
            if (!complete) {
                return buckets.find(eq("month", month)).sort(Sorts.ascending(keyField));
            }
            List<String> ids = new ArrayList<>();
            found.stream().filter(document -> keysId.equals(document.get("_id")))
                    .forEach(keys -> entries(keys, Bucket.KEYS).forEach(listed -> ids.add(listed.getString(keyField) + "|" + month)));
            return ids.isEmpty() ? Flux.empty() : buckets.find(in("_id", ids)).sort(Sorts.ascending(keyField));
        });
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

package org.hospital.surveillance.query.support;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.FindPublisher;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.hospital.surveillance.projection.support.Bucket;
import org.hospital.surveillance.projection.support.FactStreamsHeld;
import org.hospital.surveillance.projection.support.ReadModelChanges;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the figure projections' buckets: one document per key (ward or sterilizer) and month,
 * with {@code _id = "<key>|<YYYY-MM>"}, the key and month repeated as top-level fields
 * ({@code wardId}/{@code sterilizerId}, {@code month}), and one map field of entries, one per fact;
 * beside them one key list per month ({@link Bucket}).
 * Live buckets come from the collection generation the projection serves now; buckets as of an
 * instant from {@link PastReadModels}, selected the same way.
 *
 * <p>A live answer ({@link #answer}) is kept as its JSON, per collection, month and key, with the
 * collection's {@link ReadModelChanges} as read before the buckets: only when no writer was marked and
 * the document read the same after the buckets, so the answer is the collection at that position. It
 * is sent again while the document reads the same, unmarked; any write, and a rebuild's switch to
 * another collection, reads it afresh. Live reads leave out each bucket's list of the facts it held,
 * which only {@code asOf} needs.
 */
public final class MonthBuckets {

    /** A month's answer is one row per ward (or sterilizer): many months and wards fit in little memory. */
    private static final int KEPT_ANSWERS = 256;
    private static final long KEPT_BYTES = 16L << 20;
    /** What a live read leaves out of a bucket. */
    private static final Bson WITHOUT_FACT_STREAMS = Projections.exclude(FactStreamsHeld.FIELD, FactStreamsHeld.COMPLETE);

    /** A live answer asked for: the month of one collection, of one key or all (null). */
    private record Asked(String collection, YearMonth month, String key) {
    }

    /** A collection's changes as read: the position, and whether no writer was marked. */
    private record Changes(long position, boolean quiet) {
        static final Changes UNKNOWN = new Changes(-1, false);
    }

    private final ReadModelCollections collections;
    private final PastReadModels past;
    private final String projection;
    private final String collection;
    private final String keyField;
    private final MongoDatabase database;
    private final JsonAnswer json;
    private final KeptAnswers<Asked> answers = new KeptAnswers<>(KEPT_ANSWERS, KEPT_BYTES);

    public MonthBuckets(MongoDatabase database, PastReadModels past, String projection, String collection, String keyField,
                        ObjectMapper json) {
        this.database = database;
        this.json = new JsonAnswer(json);
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

    /**
     * The month's answer as JSON, computed from the buckets by {@code rows}; a live one kept and sent
     * again while the collection has not changed; gzip-compressed when the request accepts it
     * ({@link JsonBody}).
     */
    public Mono<ResponseEntity<byte[]>> answer(YearMonth month, String key, Instant asOf,
                                               Function<Flux<Document>, Mono<? extends List<?>>> rows,
                                               ServerHttpRequest request) {
        if (asOf != null) {
            return rows.apply(of(month, key, asOf)).map(json::body).map(body -> body.response(request));
        }
        String id = key != null && !key.isBlank() ? key + "|" + month : null;
        return collections.of(projection, collection).flatMap(buckets -> {
            String name = buckets.getNamespace().getCollectionName();
            Asked asked = new Asked(name, month, id);
            return changes(name).flatMap(before -> {
                JsonBody kept = before.quiet() ? answers.get(asked, before.position()) : null;
                if (kept != null) {
                    return Mono.just(kept);
                }
                return rows.apply(read(buckets, month, id, WITHOUT_FACT_STREAMS)).map(json::body)
                        .flatMap(body -> changes(name).map(after -> {
                            if (before.quiet() && after.equals(before)) {
                                answers.keep(asked, before.position(), body);
                            }
                            return body;
                        }));
            });
        }).map(body -> body.response(request));
    }

    private Mono<Changes> changes(String collectionName) {
        return Mono.from(database.getCollection(ReadModelChanges.COLLECTION).find(eq("_id", collectionName)).first())
                .map(changes -> {
                    Number position = changes.get(ReadModelChanges.POSITION, Number.class);
                    Document writing = changes.get(ReadModelChanges.WRITING, Document.class);
                    return position == null ? Changes.UNKNOWN
                            : new Changes(position.longValue(), writing == null || writing.isEmpty());
                })
                .defaultIfEmpty(Changes.UNKNOWN);
    }

    private Flux<Document> live(YearMonth month, String id) {
        return collections.of(projection, collection).flatMapMany(buckets -> read(buckets, month, id, null));
    }

    /** The buckets, with only the fields a projection leaves (all when it is null). */
    private Flux<Document> read(MongoCollection<Document> buckets, YearMonth month, String id, Bson projection) {
        return id != null
                ? Flux.from(fields(buckets.find(eq("_id", id)), projection))
                : ofMonth(buckets, month.toString(), projection);
    }

    private static FindPublisher<Document> fields(FindPublisher<Document> find, Bson projection) {
        return projection == null ? find : find.projection(projection);
    }

    /**
     * Two reads by {@code _id} on any server: the key list (with the mark that lists are complete),
     * then the listed buckets. Without the mark (buckets written before lists were kept, until a
     * rebuild) the month is filtered on its field, which a real MongoDB serves from the
     * projection's {@code month_1_<key>_1} index and the embedded server by reading every bucket.
     */
    private Flux<Document> ofMonth(MongoCollection<Document> buckets, String month, Bson projection) {
        String keysId = Bucket.keysOf(month);
        return Flux.from(buckets.find(in("_id", Bucket.KEYS_COMPLETE, keysId))).collectList().flatMapMany(found -> {
            boolean complete = found.stream().anyMatch(document -> Bucket.KEYS_COMPLETE.equals(document.get("_id")));
            if (!complete) {
                return fields(buckets.find(eq("month", month)), projection).sort(Sorts.ascending(keyField));
            }
            List<String> ids = new ArrayList<>();
            found.stream().filter(document -> keysId.equals(document.get("_id")))
                    .forEach(keys -> entries(keys, Bucket.KEYS).forEach(listed -> ids.add(listed.getString(keyField) + "|" + month)));
            return ids.isEmpty() ? Flux.empty() : fields(buckets.find(in("_id", ids)), projection).sort(Sorts.ascending(keyField));
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

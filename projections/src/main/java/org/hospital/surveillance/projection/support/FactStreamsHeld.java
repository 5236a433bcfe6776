package org.hospital.surveillance.projection.support;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;

/**
 * Each bucket remembers the stream of every fact it has ever held, under {@value #FIELD}: set when
 * an entry is put, never removed when the fact moves on or is retracted. A look into the past of
 * one month then needs only those facts' own event streams ({@code ReadModelsAsOf}), not the whole
 * history: a fact in a bucket at any instant is in the bucket's list today.
 *
 * <p>{@value #COMPLETE} is written only when a bucket is created by code that keeps the list, so a
 * bucket created before it (whose list would miss facts that left it) is told apart, and a look
 * into its past reads the whole history instead.
 */
public final class FactStreamsHeld {

    /** Map field: percent-escaped stream id of each fact ever held, to {@code true}. */
    public static final String FIELD = "factStreams";
    /** Set on a bucket whose {@value #FIELD} lists every fact since the bucket was created. */
    public static final String COMPLETE = "factStreamsComplete";

    private FactStreamsHeld() {
    }

    /** Whether a put places a fact (whose stream a bucket lists) rather than a key in a month's key list ({@link Bucket#monthKeys()}). */
    static boolean isFact(FactRef ref) {
        return !Bucket.KEYS.equals(ref.mapField());
    }

    /** The dotted path that records the fact in a bucket, for a {@code $set}. */
    public static String path(String factId) {
        return MongoKeys.path(FIELD, factId);
    }

    /** Records the fact in a bucket document held whole (in memory, or written whole by a rebuild). */
    static void add(Document bucket, String factId) {
        Document held = bucket.get(FIELD, Document.class);
        if (held == null) {
            held = new Document();
            bucket.put(FIELD, held);
        }
        held.put(MongoKeys.escape(factId), Boolean.TRUE);
    }

    /**
     * The stream ids every one of these buckets has ever held, or none if any bucket cannot tell
     * (created before the list was kept).
     */
    public static Optional<Set<String>> of(Collection<Document> buckets) {
        Set<String> ids = new LinkedHashSet<>();
        for (Document bucket : buckets) {
            if (!Boolean.TRUE.equals(bucket.get(COMPLETE))) {
                return Optional.empty();
            }
            Document held = bucket.get(FIELD, Document.class);
            if (held != null) {
                held.keySet().forEach(key -> ids.add(MongoKeys.unescape(key)));
            }
        }
        return Optional.of(ids);
    }
}

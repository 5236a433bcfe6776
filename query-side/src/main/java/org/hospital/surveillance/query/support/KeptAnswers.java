package org.hospital.surveillance.query.support;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;

/**
 * Answers kept as the JSON bodies they were sent as ({@link JsonBody}, with their gzip once made), each with the version of the read model it was
 * computed from, and served again only for that same version: the caller reads the read model's
 * version first and asks for it, so nothing older than what the read model holds is ever served.
 * Bounded: past {@code maxEntries} answers or {@code maxBytes} of JSON, the least recently asked
 * go first (a body's gzip, made later, adds about a tenth of its JSON and is not counted). Kept per instance; the versions live in MongoDB, so every instance agrees on them.
 */
public final class KeptAnswers<K> {

    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<K, Kept> answers = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    private record Kept(Object version, JsonBody body) {
    }

    public KeptAnswers(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** The body kept for this key and version, or null (an answer of another version is let go). */
    public synchronized JsonBody get(K key, Object version) {
        Kept kept = answers.get(key);
        if (kept == null) {
            return null;
        }
        if (!kept.version().equals(Objects.requireNonNull(version, "version"))) {
            forget(key);
            return null;
        }
        return kept.body();
    }

    /** Keeps the body as the answer for this key at this version, replacing any other. */
    public synchronized void keep(K key, Object version, JsonBody body) {
        if (body.json().length > maxBytes) {
            return;
        }
        forget(key);
        answers.put(key, new Kept(Objects.requireNonNull(version, "version"), body));
        bytes += body.json().length;
        Iterator<Kept> leastRecent = answers.values().iterator();
        while (answers.size() > maxEntries || bytes > maxBytes) {
            bytes -= leastRecent.next().body().json().length;
            leastRecent.remove();
        }
    }

    /** How many answers are kept. */
    public synchronized int size() {
        return answers.size();
    }

    private void forget(K key) {
        Kept gone = answers.remove(key);
        if (gone != null) {
            bytes -= gone.body().json().length;
        }
    }
}

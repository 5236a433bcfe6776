package org.hospital.surveillance.projection.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A read model held in memory, for one answer "as of" an instant and then dropped: its size is
 * that of the read model (documents per ward-month or alert, a small locator per fact), not of the
 * history read.
 */
public final class InMemoryReadModelStores implements ReadModelStores {

    private final Map<String, InMemoryDocuments> collections = new HashMap<>();
    private final Map<String, DocumentFactBook> books = new HashMap<>();
    private final Map<String, AtomicLong> counters = new HashMap<>();

    /** One book per bucket collection, asked again for the same one: its locators live in it. */
    @Override
    public DocumentFactBook factBook(String bucketCollection, String factCollection, List<String> queryFields) {
        return books.computeIfAbsent(bucketCollection, name -> new DocumentFactBook(documents(name)));
    }

    @Override
    public InMemoryDocuments documents(String collection, List<String> queryFields) {
        return documents(collection);
    }

    /** The documents of a collection, for reading the result. */
    public InMemoryDocuments documents(String collection) {
        return collections.computeIfAbsent(collection, name -> new InMemoryDocuments());
    }

    @Override
    public LongSupplier counter(String collection, String id) {
        return counters.computeIfAbsent(collection + "/" + id, key -> new AtomicLong())::incrementAndGet;
    }
}

package org.hospital.surveillance.command.alert;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.ConcurrentMap;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * A bounded cache for Axon's repository: at most {@code maximumSize} entries, the least useful
 * evicted first (Caffeine's size policy). Axon's own {@code WeakReferenceCache} has no bound and
 * keeps entries until the collector needs memory, so a busy history would fill the heap before
 * anything is let go; a count bound keeps the memory an operator plans for.
 */
final class AlertCache implements Cache {

    private final ConcurrentMap<Object, Object> entries;

    AlertCache(long maximumSize) {
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build().asMap();
    }

    @SuppressWarnings("unchecked")
    @Override
    public <K, V> V get(K key) {
        return (V) entries.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    /** The repository registers no listener; one that expected to be told would silently be told nothing. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("The alert cache reports no entry events");
    }

}

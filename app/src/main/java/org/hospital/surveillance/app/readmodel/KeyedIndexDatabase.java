package org.hospital.surveillance.app.readmodel;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database of the embedded server whose unique indexes are keyed by {@link IndexKeyType} instead
 * of H2's Java-serializing default. The maps have a name of their own ({@value #KEYED}), since a
 * map's pages can only be read with the type they were written with. A file written before holds
 * the old maps: each is copied into a new one under a temporary name, which is then renamed and the
 * old map removed, once, when the index is first opened. A crash part-way leaves either the
 * temporary map (removed and copied again at the next start) or both (the old one removed), never a
 * half-filled index under the keyed name: a commit of the file (MVStore's versions) is all or nothing.
 */
final class KeyedIndexDatabase extends H2Database {

    private static final Logger log = LoggerFactory.getLogger(KeyedIndexDatabase.class);
    static final String KEYED = ".keyed";
    private static final String COPYING = ".copying";

    /**
     * The store, for the indexes opened while the server's constructor runs, before this class's
     * fields are assigned (the server opens every collection and index from its constructor).
     */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    private final MVStore store;

    private KeyedIndexDatabase(String name, MVStore store, CursorRegistry cursors) {
        super(name, store, cursors);
        this.store = store;
    }

    static KeyedIndexDatabase open(String name, MVStore store, CursorRegistry cursors) {
        OPENING.set(store);
        try {
            return new KeyedIndexDatabase(name, store, cursors);
        } finally {
            OPENING.remove();
        }
    }

    private MVStore store() {
        return store != null ? store : OPENING.get();
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        MVStore mvStore = store();
        String old = oldName(collectionName, indexName);
        String keyed = old + KEYED;
        if (!mvStore.hasMap(keyed) && mvStore.hasMap(old)) {
            migrate(mvStore, old, keyed);
        }
        if (mvStore.hasMap(old)) {
            // Left by a crash after the rename: the keyed map holds every key.
            mvStore.removeMap(old);
        }
        return new KeyedUniqueIndex(openKeyed(mvStore, keyed), indexName, keys, sparse);
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        store().removeMap(oldName(collection.getCollectionName(), indexName) + KEYED);
    }

    private static void migrate(MVStore mvStore, String old, String keyed) {
        String copying = old + COPYING;
        if (mvStore.hasMap(copying)) {
            mvStore.removeMap(copying);
        }
        MVMap<KeyValue, Object> from = mvStore.openMap(old);
        MVMap<KeyValue, Object> to = openKeyed(mvStore, copying);
        for (Map.Entry<KeyValue, Object> entry : from.entrySet()) {
            to.put(entry.getKey(), entry.getValue());
        }
        mvStore.renameMap(to, keyed);
        mvStore.removeMap(old);
        log.info("Re-keyed an index of the read-model file ({} keys)", to.sizeAsLong());
    }

    private static MVMap<KeyValue, Object> openKeyed(MVStore mvStore, String name) {
        return mvStore.openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType()));
    }

    /** The name the server gives an index's map (its {@code H2Database.mapNameForIndex}, which is private). */
    private String oldName(String collectionName, String indexName) {
        return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
    }
}

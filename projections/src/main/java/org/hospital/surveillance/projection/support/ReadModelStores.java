package org.hospital.surveillance.projection.support;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * Where a projection keeps its read model. The same projection code runs over the live MongoDB
 * collections, over a rebuild's next generation of them, and over memory to answer "as of" an
 * instant; only the stores differ. Collections are named by their base name (e.g.
 * {@code rates_by_ward_month}); the stores decide the actual collection.
 */
public interface ReadModelStores {

    /**
     * @param queryFields the bucket fields the read API filters and sorts on, indexed where the
     *                    store is a real collection
     */
    FactBook factBook(String bucketCollection, String factCollection, List<String> queryFields);

    /**
     * @param queryFields fields readers filter or sort on, indexed where the store is a real collection
     */
    KeyedDocuments documents(String collection, List<String> queryFields);

    /**
     * A counter kept apart from the read model ({@code _id} {@code id} in {@code collection}):
     * shared by every generation of it, so numbers handed out by a rebuild come after those the live
     * model handed out; a look into the past counts in memory and leaves it alone.
     */
    LongSupplier counter(String collection, String id);
}

package org.hospital.surveillance.projection.support;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;

/**
 * A projection whose read model can be computed again from the history: into a new generation
 * of its collections (a rebuild) or into memory (an answer "as of" an instant). Only projections
 * that write a read model implement it; the alert detector sends commands and never does.
 */
public interface RebuildableProjection {

    /** The processing group, which is also the projection's name in the API. */
    String name();

    /** Base names of every collection the projection writes. */
    List<String> collections();

    /** A second instance of the same projection over other stores; an object with the same event handlers. */
    Object over(ReadModelStores stores);

    /** The live instance writes to these stores from now on. Call only while its processor is shut down. */
    void writeTo(ReadModelStores stores);

    /**
     * The event streams of every fact these documents of the collection (read from the live read
     * model) have ever reflected, so that their past can be computed from those streams alone; empty
     * if the documents cannot tell, and the whole history is read instead.
     */
    default Optional<Set<String>> streamsHeld(String collection, List<Document> documents) {
        return Optional.empty();
    }
}

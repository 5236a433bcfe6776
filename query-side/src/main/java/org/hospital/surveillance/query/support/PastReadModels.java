package org.hospital.surveillance.query.support;

import java.time.Instant;
import org.bson.Document;
import reactor.core.publisher.Flux;

/**
 * Read models as they were at an instant: every document a projection's collection would have
 * held had the projection seen only the events recorded up to then. The read endpoints answer
 * {@code asOf=} from these documents with the same row computation as from the live ones.
 * Implemented by the app over the projections' own handlers; it reads the history up to the
 * instant for each answer, so it costs a read of the event store, not a MongoDB query.
 */
public interface PastReadModels {

    Flux<Document> documents(String projection, String collection, Instant asOf);

    /**
     * What {@link #documents} gives for the documents {@code today} reads from the live read model
     * (the buckets of the month asked, the alerts on the board), computed from the facts those
     * documents have ever reflected where they can tell, so it costs what is asked rather than the
     * whole history. It may hold other documents too: the caller selects. {@code today} is read
     * after the projection's progress, so a fact it has not handled yet is looked for among the
     * events after that.
     */
    default Flux<Document> documents(String projection, String collection, Flux<Document> today, Instant asOf) {
        return documents(projection, collection, asOf);
    }
}

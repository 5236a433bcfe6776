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
}

package org.hospital.surveillance.query.support;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * The collection a read model is served from now. A rebuild fills a new generation of a
 * projection's collections ({@code rates_by_ward_month_g2}) beside the live one and then switches by
 * rewriting the projection's document in {@value #GENERATIONS} (written by the projections module's
 * {@code ReadModelGenerations}): {@code {_id: <projection>, generation: n, collections: {<base
 * name>: <collection>}}}. Each query looks it up (one read by {@code _id}), so every instance follows
 * a switch at once; no document means the base name.
 */
public final class ReadModelCollections {

    public static final String GENERATIONS = "read_model_generations";

    private final MongoDatabase database;

    public ReadModelCollections(MongoDatabase database) {
        this.database = database;
    }

    /** The collection that serves {@code baseName} of the projection (its processing group) now. */
    public Mono<MongoCollection<Document>> of(String projection, String baseName) {
        return Mono.from(database.getCollection(GENERATIONS).find(eq("_id", projection)).first())
                .mapNotNull(pointer -> pointer.get("collections", new Document()).getString(baseName))
                .defaultIfEmpty(baseName)
                .map(database::getCollection);
    }
}

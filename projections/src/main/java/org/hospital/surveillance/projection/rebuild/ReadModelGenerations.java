package org.hospital.surveillance.projection.rebuild;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * Which generation of its collections each projection serves, kept in {@value #COLLECTION}: one
 * document per projection, {@code {_id: <processing group>, generation: n, collections: {<base
 * name>: <collection>}}}. Generation 1 uses the base names themselves
 * ({@code rates_by_ward_month}); generation n > 1 appends {@code _g<n>}. The query side reads the
 * {@code collections} map of this document, so switching a projection to a rebuilt generation is
 * one single-document write, atomic without transactions. A projection without a document serves
 * generation 1.
 */
public final class ReadModelGenerations {

    public static final String COLLECTION = "read_model_generations";
    public static final int FIRST = 1;

    private final MongoDatabase database;

    public ReadModelGenerations(MongoDatabase database) {
        this.database = database;
    }

    /** The stores of the generation the projection serves now: what its live instance writes to. */
    public static LiveReadModelStores live(MongoDatabase database, String projection) {
        return new LiveReadModelStores(database, new ReadModelGenerations(database).active(projection));
    }

    public int active(String projection) {
        Document pointer = database.getCollection(COLLECTION).find(eq("_id", projection)).first();
        return pointer == null ? FIRST : pointer.getInteger("generation", FIRST);
    }

    /** Points the projection, and every reader, at this generation of its collections. */
    public void activate(String projection, int generation, List<String> baseCollections) {
        Document collections = new Document();
        baseCollections.forEach(base -> collections.append(base, collectionName(base, generation)));
        Document pointer = new Document("_id", projection).append("generation", generation).append("collections", collections);
        database.getCollection(COLLECTION).replaceOne(eq("_id", projection), pointer, new ReplaceOptions().upsert(true));
    }

    public static String collectionName(String base, int generation) {
        return generation == FIRST ? base : base + "_g" + generation;
    }

    /**
     * Drops every generation of these collections but the one given: what a finished rebuild left
     * behind, or what a rebuild that died half-way wrote.
     */
    public List<String> dropAllBut(List<String> baseCollections, int keep) {
        List<String> dropped = new ArrayList<>();
        List<String> existing = database.listCollectionNames().into(new ArrayList<>());
        for (String base : baseCollections) {
            Pattern generations = Pattern.compile(Pattern.quote(base) + "(_g\\d+)?");
            for (String name : existing) {
                if (generations.matcher(name).matches() && !name.equals(collectionName(base, keep))) {
                    database.getCollection(name).drop();
                    dropped.add(name);
                }
            }
        }
        return dropped;
    }
}

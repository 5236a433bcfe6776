package org.hospital.surveillance.projection.rebuild;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Which generation of its collections each projection serves, kept in {@value #COLLECTION}: one
 * document per projection, {@code {_id: <processing group>, generation: n, collections: {<base
 * name>: <collection>}}}. Generation 1 uses the base names themselves
 * ({@code rates_by_ward_month}); generation n > 1 appends {@code _g<n>}. The query side reads the
 * {@code collections} map of this document, so switching a projection to a rebuilt generation is
 * one single-document write, atomic without transactions. A projection without a document serves
 * generation 1.
 *
 * <p>While a rebuild fills the next generation the document also carries {@code building:
 * {generation, id}}: the generation and the rebuild that owns it. Several instances share this
 * database, so an instance starting up leaves another's half-built generation alone, a rebuild
 * that finds another one now owns its generation stops writing there, and the switch succeeds only
 * for the owner and only from the generation the rebuild started over (a compare-and-set).
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
        Document pointer = pointer(projection);
        return pointer == null ? FIRST : pointer.getInteger("generation", FIRST);
    }

    /**
     * The generations no one may drop, read from one document so they agree: the one served, and one
     * a rebuild (of any instance) is filling now.
     */
    public Set<Integer> inUse(String projection) {
        Document pointer = pointer(projection);
        Set<Integer> inUse = new HashSet<>();
        inUse.add(pointer == null ? FIRST : pointer.getInteger("generation", FIRST));
        Document building = pointer == null ? null : pointer.get("building", Document.class);
        if (building != null) {
            inUse.add(building.getInteger("generation"));
        }
        return inUse;
    }

    /** Records that the rebuild {@code id} fills this generation; a rebuild started earlier elsewhere loses it. */
    public void startBuilding(String projection, int generation, String id) {
        database.getCollection(COLLECTION).updateOne(eq("_id", projection),
                Updates.set("building", new Document("generation", generation).append("id", id)),
                new UpdateOptions().upsert(true));
    }

    /** Whether the rebuild {@code id} still owns the generation it fills. */
    public boolean isBuilding(String projection, String id) {
        Document pointer = pointer(projection);
        Document building = pointer == null ? null : pointer.get("building", Document.class);
        return building != null && id.equals(building.getString("id"));
    }

    /** The rebuild {@code id} gives its generation up (it failed); returns whether it still owned it. */
    public boolean stopBuilding(String projection, String id) {
        return database.getCollection(COLLECTION)
                .updateOne(and(eq("_id", projection), eq("building.id", id)), Updates.unset("building"))
                .getModifiedCount() == 1;
    }

    /**
     * Points the projection, and every reader, at the generation the rebuild {@code id} filled, if
     * it still owns it and the projection still serves {@code from}.
     *
     * @return whether the switch happened
     */
    public boolean activate(String projection, int from, int generation, List<String> baseCollections, String id) {
        Document collections = new Document();
        baseCollections.forEach(base -> collections.append(base, collectionName(base, generation)));
        Bson serving = from == FIRST ? or(eq("generation", FIRST), exists("generation", false)) : eq("generation", from);
        return database.getCollection(COLLECTION).updateOne(
                and(eq("_id", projection), eq("building.id", id), serving),
                Updates.combine(Updates.set("generation", generation), Updates.set("collections", collections),
                        Updates.unset("building"))).getModifiedCount() == 1;
    }

    public static String collectionName(String base, int generation) {
        return generation == FIRST ? base : base + "_g" + generation;
    }

    /**
     * Drops every generation of these collections but those given: what a finished rebuild left
     * behind, or what a rebuild that died half-way wrote.
     */
    public List<String> dropAllBut(List<String> baseCollections, Collection<Integer> keep) {
        List<String> dropped = new ArrayList<>();
        List<String> existing = database.listCollectionNames().into(new ArrayList<>());
        for (String base : baseCollections) {
            Pattern generations = Pattern.compile(Pattern.quote(base) + "(_g\\d+)?");
            List<String> kept = keep.stream().map(generation -> collectionName(base, generation)).toList();
            for (String name : existing) {
                if (generations.matcher(name).matches() && !kept.contains(name)) {
                    database.getCollection(name).drop();
                    dropped.add(name);
                }
            }
        }
        return dropped;
    }

    private Document pointer(String projection) {
        return database.getCollection(COLLECTION).find(eq("_id", projection)).first();
    }
}

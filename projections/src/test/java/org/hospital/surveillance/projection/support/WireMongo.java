package org.hospital.surveillance.projection.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;

/** An in-memory mongo-java-server reached over TCP by the real sync driver, as the app reaches its embedded one. */
public final class WireMongo implements AutoCloseable {

    private final MongoServer server;
    private final MongoClient client;

    private WireMongo() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    }

    public static WireMongo start() {
        return new WireMongo();
    }

    public MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    /** Every document of the collections, in _id order: two snapshots are equal when the read models are. */
    public static List<Document> snapshot(MongoDatabase database, String... collections) {
        List<Document> all = new ArrayList<>();
        for (String name : collections) {
            MongoCollection<Document> collection = database.getCollection(name);
            List<Document> documents = collection.find().into(new ArrayList<>());
            documents.sort(Comparator.comparing(d -> String.valueOf(d.get("_id"))));
            all.add(new Document("collection", name).append("documents", documents));
        }
        return all;
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}

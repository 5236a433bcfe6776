package org.hospital.surveillance.query.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/**
 * One wire server, written as a live projection writes (sync driver) and read as the controllers
 * read (reactive driver), each over TCP: database {@code surveillance} seen from both sides.
 */
public final class WrittenAndRead implements AutoCloseable {

    private final MongoServer server;
    private final MongoClient writer;
    private final com.mongodb.reactivestreams.client.MongoClient reader;

    public WrittenAndRead() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        String uri = "mongodb://" + address.getHostString() + ":" + address.getPort();
        writer = MongoClients.create(uri);
        reader = com.mongodb.reactivestreams.client.MongoClients.create(uri);
    }

    /** What the projection writes to. */
    public MongoDatabase written() {
        return writer.getDatabase("surveillance");
    }

    /** What a controller reads. */
    public com.mongodb.reactivestreams.client.MongoDatabase read() {
        return reader.getDatabase("surveillance");
    }

    @Override
    public void close() {
        writer.close();
        reader.close();
        server.shutdownNow();
    }
}

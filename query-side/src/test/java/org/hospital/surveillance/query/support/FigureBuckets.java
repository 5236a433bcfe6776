package org.hospital.surveillance.query.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.http.codec.json.Jackson2JsonEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * A wire server reached by the reactive driver, holding buckets in the shape the figure
 * projections write them, and a client for a controller that serialises as the app does
 * ({@code default-property-inclusion: non_absent}), so a null rate that vanished would show.
 */
public abstract class FigureBuckets {

    private static final AtomicInteger databases = new AtomicInteger();
    private static MongoServer server;
    private static MongoClient client;

    /** A fresh database for each test. */
    protected MongoDatabase database;

    @BeforeAll
    static void startServer() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.shutdownNow();
    }

    @BeforeEach
    void freshDatabase() {
        database = client.getDatabase("query-" + databases.incrementAndGet());
    }

    public static void insert(MongoDatabase database, String collection, List<Document> buckets) {
        Mono.from(database.getCollection(collection).insertMany(buckets)).block();
    }

    /** Serialises as the app does; the controllers write their JSON bodies with it. */
    public static final ObjectMapper APP_JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .setSerializationInclusion(JsonInclude.Include.NON_ABSENT);

    public static WebTestClient clientFor(Object controller) {
        return WebTestClient.bindToController(controller)
                .httpMessageCodecs(codecs -> codecs.defaultCodecs().jackson2JsonEncoder(new Jackson2JsonEncoder(APP_JSON)))
                .build();
    }

    /** A bucket as a figure projection writes it. */
    public static Document bucket(String keyField, String key, String month, String mapField, Document entries) {
        return new Document("_id", key + "|" + month)
                .append(keyField, key).append("month", month).append(mapField, entries);
    }
}

package org.hospital.surveillance.projection.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** A projection test: one wire server per class, a fresh database per test. */
public abstract class WireMongoTest {

    private static final AtomicInteger databases = new AtomicInteger();
    private static WireMongo mongo;

    protected MongoDatabase database;

    @BeforeAll
    static void startMongo() {
        mongo = WireMongo.start();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void freshDatabase() {
        database = newDatabase();
    }

    protected MongoDatabase newDatabase() {
        return mongo.database("projection-" + databases.incrementAndGet());
    }

    /** The bucket, or null. */
    protected Document bucket(String collection, Bucket bucket) {
        return database.getCollection(collection).find(new Document("_id", bucket.id())).first();
    }

    /** The entries of a map field of an existing bucket. */
    protected Document entries(String collection, Bucket id, String mapField) {
        Document bucket = bucket(collection, id);
        assertThat(bucket).as("bucket %s", id.id()).isNotNull();
        Document entries = bucket.get(mapField, Document.class);
        return entries == null ? new Document() : entries;
    }

    protected static List<Document> snapshot(MongoDatabase database, String... collections) {
        return WireMongo.snapshot(database, collections);
    }
}

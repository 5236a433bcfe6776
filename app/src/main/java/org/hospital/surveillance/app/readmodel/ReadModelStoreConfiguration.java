package org.hospital.surveillance.app.readmodel;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.hospital.surveillance.app.config.SurveillanceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import de.bwaldvogel.mongo.MongoServer;

/**
 * Where the read models live. With {@code spring.data.mongodb.uri} (or {@code MONGODB_URI}) set,
 * a real MongoDB; otherwise an embedded MongoDB-wire-protocol server persisting in an H2 MVStore
 * file under the data directory, reached through the real driver over loopback TCP, so that every
 * read-model query is one a real MongoDB would answer the same way.
 *
 * <p>Either way a write of the projections is durable before their tokens pass it
 * ({@link ReadModelDurability}): on a real MongoDB the projections' client waits for the journal of
 * a majority (unless the connection string sets a write concern of its own); the embedded store
 * commits its file.
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReadModelStoreConfiguration.class);
    static final String DEFAULT_DATABASE = "surveillance";

    @Bean
    ReadModelStore readModelStore(SurveillanceProperties properties,
                                  @Value("${spring.data.mongodb.uri:${MONGODB_URI:}}") String uri) {
        if (uri != null && !uri.isBlank()) {
            ConnectionString connection = new ConnectionString(uri);
            log.info("Read models in the configured MongoDB at {}", connection.getHosts());
            return new ReadModelStore(connection, null, null);
        }
        Path file = properties.dataDir().resolve("readmodels").resolve("readmodels.mv").toAbsolutePath().normalize();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the read-model directory " + file.getParent(), e);
        }
        EmbeddedReadModelFile storeFile = new EmbeddedReadModelFile(file);
        MongoServer server = new MongoServer(new EmbeddedReadModelBackend(storeFile.store(), EmbeddedReadModelBackend.OPLOG_ENTRIES));
        // The oplog lets change streams work on the embedded server as on a replica set; capped, as a replica set's is.
        server.enableOplog();
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        log.info("Read models in the embedded MongoDB-compatible server on {}:{} ({})",
                address.getHostString(), address.getPort(), file);
        return new ReadModelStore(
                new ConnectionString("mongodb://127.0.0.1:" + address.getPort() + "/" + DEFAULT_DATABASE), server, storeFile);
    }

    @Bean
    ReadModelDurability readModelDurability(ReadModelStore store) {
        return store.embeddedFile() != null ? store.embeddedFile() : ReadModelDurability.ACKNOWLEDGED_IS_DURABLE;
    }

    /** The client the projections and the alert detector write through. */
    @Bean(destroyMethod = "close")
    MongoClient mongoClient(ReadModelStore store) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder(store.settings());
        if (store.embeddedServer() == null && store.connection().getWriteConcern() == null) {
            // Acknowledged = on the journal of a majority: what a token may pass survives a crash or a failover.
            settings.writeConcern(WriteConcern.MAJORITY.withJournal(true));
        }
        return MongoClients.create(settings.build());
    }

    @Bean
    MongoDatabase readModelDatabase(MongoClient client, ReadModelStore store) {
        return client.getDatabase(store.databaseName());
    }

    @Bean(destroyMethod = "close")
    com.mongodb.reactivestreams.client.MongoClient reactiveMongoClient(ReadModelStore store) {
        return com.mongodb.reactivestreams.client.MongoClients.create(store.settings());
    }

    @Bean
    com.mongodb.reactivestreams.client.MongoDatabase reactiveReadModelDatabase(
            com.mongodb.reactivestreams.client.MongoClient client, ReadModelStore store) {
        return client.getDatabase(store.databaseName());
    }

    /** The connection to the read-model store, and the embedded server and its file when this process runs one. */
    public record ReadModelStore(ConnectionString connection, MongoServer embeddedServer,
                                 EmbeddedReadModelFile embeddedFile) implements AutoCloseable {

        String databaseName() {
            return connection.getDatabase() != null ? connection.getDatabase() : DEFAULT_DATABASE;
        }

        /**
         * A read or a projection's write waits at most 5 s for an unreachable store (the driver's
         * default is 30 s) before it fails: a 503 for the reader, a retried batch for the
         * projection. A {@code serverSelectionTimeoutMS} in the connection string wins.
         */
        MongoClientSettings settings() {
            MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(connection);
            if (connection.getServerSelectionTimeout() == null) {
                settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS));
            }
            return settings.build();
        }

        /** Closed after the clients (it was created before them): the embedded server stops last. */
        @Override
        public void close() {
            if (embeddedFile != null) {
                embeddedFile.close();
            }
            if (embeddedServer != null) {
                embeddedServer.shutdownNow();
            }
        }
    }
}

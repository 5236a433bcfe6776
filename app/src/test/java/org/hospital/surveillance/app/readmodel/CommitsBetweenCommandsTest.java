package org.hospital.surveillance.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.bson.Document;
import org.hospital.surveillance.app.support.TempDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a commit of the embedded read-model file sees while the server writes from other threads:
 * only whole commands. A commit that caught an upsert between its document and its {@code _id}
 * index entry left, after a kill, a document the index did not know, and every later upsert of it
 * failed ("already existed"): a processor stalled for good after a crash.
 */
class CommitsBetweenCommandsTest {

    private static final int WRITERS = 3;
    private static final int DOCUMENTS_PER_WRITER = 500;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aCommitNeverSeesADocumentWithoutItsIndexEntry() throws Exception {
        Path dir = Files.createTempDirectory("whole-writes-");
        EmbeddedReadModelFile file = new EmbeddedReadModelFile(dir.resolve("readmodels.mv"));
        MongoServer server = new MongoServer(new EmbeddedReadModelBackend(file, EmbeddedReadModelBackend.OPLOG_ENTRIES));
        server.enableOplog();
        server.bind("127.0.0.1", 0);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoCollection<Document> facts = client.getDatabase("surveillance").getCollection("rates_facts");
            facts.insertOne(new Document("_id", "first"));
            List<Future<?>> writing = new ArrayList<>();
            AtomicBoolean done = new AtomicBoolean();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writing.add(writers.submit(() -> {
                    for (int i = 0; i < DOCUMENTS_PER_WRITER; i++) {
                        String id = "case-report:C-" + writer + "-" + i;
                        facts.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("applied", i),
                                new ReplaceOptions().upsert(true));
                    }
                }));
            }
            writers.shutdown();
            AtomicInteger checks = new AtomicInteger();
            List<String> halfDone = new ArrayList<>();
            while (!done.get()) {
                done.set(writers.isTerminated());
                // The section a commit runs in: the documents and the _id index must agree there.
                file.betweenCommands(() -> {
                    int documents = file.store().openMap("databases.surveillance.rates_facts").size();
                    int indexed = file.store().openMap("surveillance.rates_facts._index__id_" + KeyedIndexDatabase.KEYED).size();
                    if (documents != indexed) {
                        halfDone.add(documents + " documents, " + indexed + " index entries");
                    }
                    checks.incrementAndGet();
                });
                // Paced like commits, not back to back: the writers need the lock in between.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            for (Future<?> w : writing) {
                w.get(1, TimeUnit.MINUTES);
            }
            assertThat(checks.get()).as("checks made while the writers wrote").isGreaterThan(10);
            assertThat(halfDone).as("commits that would have caught a write half done").isEmpty();
            assertThat(facts.countDocuments()).isEqualTo(1 + WRITERS * DOCUMENTS_PER_WRITER);
        } finally {
            writers.shutdownNow();
            server.shutdownNow();
            file.close();
            TempDirs.delete(dir);
        }
    }
}

package org.hospital.surveillance.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server's unique indexes keyed by {@link IndexKeyType}, through the real driver over
 * TCP on a real read-model file: keys found, duplicates refused, a file written by the server's own
 * backend (the old key type) migrated once at start, a migration cut short redone, a dropped
 * collection's index gone with it.
 */
class KeyedIndexTest {

    private static final String DATABASE = "surveillance";
    private static final String OLD_ID_INDEX = DATABASE + ".rates._index__id_";

    @TempDir
    Path dir;

    @Test
    void stringNumberAndCompoundKeysAreFoundAndDuplicatesRefused() {
        withServer(rates -> {
            insertSamples(rates);
            assertSamplesFound(rates);
            return null;
        });
    }

    @Test
    void aFileWrittenWithTheOldKeyTypeIsMigratedOnceAndAnswersTheSame() {
        try (MVStore old = MVStore.open(file().toString())) {
            H2Backend backend = new H2Backend(old);
            MongoServer server = new MongoServer(backend);
            server.bind("127.0.0.1", 0);
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
                insertSamples(client.getDatabase(DATABASE).getCollection("rates"));
            } finally {
                server.shutdownNow();
            }
        }
        try (MVStore written = MVStore.open(file().toString())) {
            assertThat(written.getMapNames()).contains(OLD_ID_INDEX).doesNotContain(OLD_ID_INDEX + KeyedIndexDatabase.KEYED);
        }

        withServer(rates -> {
            assertSamplesFound(rates);
            return null;
        });
        assertThat(mapNames()).contains(OLD_ID_INDEX + KeyedIndexDatabase.KEYED).doesNotContain(OLD_ID_INDEX);

        // Opened again: nothing left to migrate, the same answers.
        withServer(rates -> {
            assertSamplesFound(rates);
            return null;
        });
    }

    @Test
    void aMigrationCutShortIsRedoneFromTheOldIndex() {
        withServer(rates -> {
            insertSamples(rates);
            return null;
        });
        // As a crash would leave it: the old index still there (here restored from the keyed one) and a
        // half-copied map under the temporary name.
        try (MVStore store = MVStore.open(file().toString())) {
            MVMap<KeyValue, Object> keyed = store.openMap(OLD_ID_INDEX + KeyedIndexDatabase.KEYED,
                    new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType()));
            MVMap<KeyValue, Object> old = store.openMap(OLD_ID_INDEX);
            MVMap<KeyValue, Object> copying = store.openMap(OLD_ID_INDEX + ".copying",
                    new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType()));
            keyed.forEach(old::put);
            copying.put(new KeyValue("ICU-1|2026-03"), keyed.get(new KeyValue("ICU-1|2026-03")));
            store.removeMap(keyed);
            store.commit();
        }

        withServer(rates -> {
            assertSamplesFound(rates);
            return null;
        });
        assertThat(mapNames()).contains(OLD_ID_INDEX + KeyedIndexDatabase.KEYED)
                .doesNotContain(OLD_ID_INDEX, OLD_ID_INDEX + ".copying");
    }

    @Test
    void aDroppedCollectionTakesItsIndexAlongAndCanBeFilledAgain() {
        withServer(rates -> {
            insertSamples(rates);
            rates.drop();
            insertSamples(rates);
            assertSamplesFound(rates);
            return null;
        });
    }

    @Test
    void stringKeysAreOrderedAsStringsBeforeEveryOtherKeyAndReadBackAsWritten() {
        IndexKeyType type = new IndexKeyType();
        KeyValue a = new KeyValue("ICU-1|2026-03");
        KeyValue b = new KeyValue("ICU-2|2026-03");
        KeyValue number = new KeyValue(7.0);
        KeyValue compound = new KeyValue("ICU-1", "2026-03");

        assertThat(type.compare(a, b)).isNegative();
        assertThat(type.compare(b, a)).isPositive();
        assertThat(type.compare(a, new KeyValue("ICU-1|2026-03"))).isZero();
        assertThat(type.compare(a, number)).isNegative();
        assertThat(type.compare(compound, a)).isPositive();
        assertThat(type.compare(number, new KeyValue(7.0))).isZero();
        assertThat(type.compare(compound, new KeyValue("ICU-1", "2026-03"))).isZero();
        for (KeyValue key : List.of(a, number, compound)) {
            WriteBuffer buffer = new WriteBuffer();
            type.write(buffer, key);
            ByteBuffer written = buffer.getBuffer();
            written.flip();
            assertThat(type.read(written)).isEqualTo(key);
        }
    }

    private static void insertSamples(MongoCollection<Document> rates) {
        List<Document> documents = new ArrayList<>();
        for (int ward = 1; ward <= 50; ward++) {
            documents.add(new Document("_id", "ICU-" + ward + "|2026-03").append("patientDays", ward));
        }
        documents.add(new Document("_id", 42).append("patientDays", 420));
        documents.add(new Document("_id", new Document("ward", "CCU").append("month", "2026-03")).append("patientDays", 7));
        rates.insertMany(documents);
    }

    private static void assertSamplesFound(MongoCollection<Document> rates) {
        assertThat(rates.countDocuments()).isEqualTo(52);
        assertThat(rates.find(Filters.eq("_id", "ICU-17|2026-03")).first()).extracting(d -> d.get("patientDays")).isEqualTo(17);
        assertThat(rates.find(Filters.eq("_id", 42)).first()).extracting(d -> d.get("patientDays")).isEqualTo(420);
        assertThat(rates.find(Filters.eq("_id", new Document("ward", "CCU").append("month", "2026-03"))).first())
                .extracting(d -> d.get("patientDays")).isEqualTo(7);
        assertThat(rates.find(Filters.eq("_id", "ICU-51|2026-03")).first()).isNull();
        assertThat(rates.find(Filters.in("_id", "ICU-3|2026-03", "ICU-50|2026-03", "ICU-99|2026-03")).into(new ArrayList<>()))
                .extracting(d -> d.get("patientDays")).containsExactlyInAnyOrder(3, 50);
        assertThatThrownBy(() -> rates.insertOne(new Document("_id", "ICU-17|2026-03")))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
        assertThatThrownBy(() -> rates.insertOne(new Document("_id", 42)))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
    }

    /** The platform's own embedded server on the file, for one piece of work; the file closed after it. */
    private <T> T withServer(Function<MongoCollection<Document>, T> work) {
        EmbeddedReadModelFile file = new EmbeddedReadModelFile(file());
        EmbeddedReadModelBackend backend = new EmbeddedReadModelBackend(file, EmbeddedReadModelBackend.OPLOG_ENTRIES);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            return work.apply(client.getDatabase(DATABASE).getCollection("rates"));
        } finally {
            file.close();
            server.shutdownNow();
        }
    }

    private List<String> mapNames() {
        try (MVStore store = MVStore.open(file().toString())) {
            return new ArrayList<>(store.getMapNames());
        }
    }

    private Path file() {
        return dir.resolve("readmodels.mv");
    }
}

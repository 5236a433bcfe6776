package org.hospital.surveillance.projection.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.LongSupplier;
import org.bson.Document;
import org.hospital.surveillance.projection.support.MongoCounter;
import org.hospital.surveillance.projection.support.WireMongoTest;
import org.junit.jupiter.api.Test;

/**
 * A rebuild numbers changes from blocks of the live counter; at its switch it gives back what it
 * left unused of its last block, unless the live model took a number since.
 */
class RebuildCounterTest extends WireMongoTest {

    @Test
    void theUnusedRestOfTheLastBlockIsGivenBackSoTheCounterStandsAtTheLastNumberUsed() {
        new MongoCounter(database.getCollection("feed"), "board").getAsLong();
        RebuildReadModelStores stores = new RebuildReadModelStores(database, 2, Runnable::run);
        LongSupplier rebuild = stores.counter("feed", "board");
        // The live model had used 1; the rebuild's block is 2..1001, of which it uses 2, 3, 4.
        assertThat(new long[] {rebuild.getAsLong(), rebuild.getAsLong(), rebuild.getAsLong()}).containsExactly(2, 3, 4);
        assertThat(position()).isEqualTo(1001);

        stores.returnUnusedNumbers();

        assertThat(position()).isEqualTo(4);
        assertThat(new MongoCounter(database.getCollection("feed"), "board").getAsLong()).isEqualTo(5);
    }

    @Test
    void aBlockIsKeptWhenTheLiveModelTookANumberAfterIt() {
        RebuildReadModelStores stores = new RebuildReadModelStores(database, 2, Runnable::run);
        LongSupplier rebuild = stores.counter("feed", "board");
        assertThat(rebuild.getAsLong()).isEqualTo(1);
        assertThat(new MongoCounter(database.getCollection("feed"), "board").getAsLong()).isEqualTo(1001);

        stores.returnUnusedNumbers();

        assertThat(position()).isEqualTo(1001);
    }

    private long position() {
        return database.getCollection("feed").find(new Document("_id", "board")).first().getLong("position");
    }
}

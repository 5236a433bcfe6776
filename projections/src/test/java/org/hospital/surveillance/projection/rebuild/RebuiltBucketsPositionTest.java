package org.hospital.surveillance.projection.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.hospital.surveillance.events.census.WardCensus;
import org.hospital.surveillance.events.census.WardCensusRecorded;
import org.hospital.surveillance.projection.rates.RatesProjection;
import org.hospital.surveillance.projection.support.ReadModelChanges;
import org.hospital.surveillance.projection.support.WireMongoTest;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.junit.jupiter.api.Test;

/**
 * A rebuild moves the position of the bucket collection it fills once each window is written, so an
 * answer a reader kept of an earlier generation of the same name is never sent for this one; the
 * collections no month is read from (locators) are not announced.
 */
class RebuiltBucketsPositionTest extends WireMongoTest {

    @Test
    void theNewGenerationsBucketsMoveTheirPositionWithEveryWrittenWindow() {
        RebuildReadModelStores stores = new RebuildReadModelStores(database, 2, Runnable::run);
        RatesProjection projection = new RatesProjection(stores, HospitalCalendar.utc());
        // Emptied when opened: moved once.
        assertThat(position()).isEqualTo(1);

        projection.on(new WardCensusRecorded(new WardCensus("ICU-1", LocalDate.of(2026, 3, 1), 18, 2, 0, 0, 0)), 0);
        assertThat(position()).as("folded, not written").isEqualTo(1);
        stores.flush();
        assertThat(position()).isEqualTo(2);
        assertThat(database.getCollection(RatesProjection.BUCKETS + "_g2").countDocuments(new Document("_id", "ICU-1|2026-03")))
                .isEqualTo(1);

        stores.handOverLocatorsRecordedAfter(-1);
        assertThat(database.getCollection(ReadModelChanges.COLLECTION).find().map(changes -> changes.getString("_id"))
                .into(new ArrayList<>())).isEqualTo(List.of(RatesProjection.BUCKETS + "_g2"));
    }

    private long position() {
        Document changes = database.getCollection(ReadModelChanges.COLLECTION)
                .find(new Document("_id", RatesProjection.BUCKETS + "_g2")).first();
        return changes == null ? 0 : changes.getLong(ReadModelChanges.POSITION);
    }
}

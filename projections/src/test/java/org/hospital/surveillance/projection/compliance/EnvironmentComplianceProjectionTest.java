package org.hospital.surveillance.projection.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.bson.Document;
import org.hospital.surveillance.events.environment.DisinfectantUse;
import org.hospital.surveillance.events.environment.EnvironmentClass;
import org.hospital.surveillance.events.environment.EnvironmentSample;
import org.hospital.surveillance.events.environment.EnvironmentSampleAmended;
import org.hospital.surveillance.events.environment.EnvironmentSampleRecorded;
import org.hospital.surveillance.events.environment.HandDisinfection;
import org.hospital.surveillance.events.environment.SampleType;
import org.hospital.surveillance.projection.support.Bucket;
import org.hospital.surveillance.projection.support.EventFeed;
import org.hospital.surveillance.projection.support.EventFeed.DomainEvent;
import org.hospital.surveillance.projection.support.WireMongoTest;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.hospital.surveillance.rules.environment.EnvironmentLimitSettings;
import org.hospital.surveillance.rules.environment.EnvironmentLimits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnvironmentComplianceProjectionTest extends WireMongoTest {

    private static final String BUCKETS = EnvironmentComplianceProjection.BUCKETS;
    private static final Bucket ICU_MARCH = Bucket.wardMonth("ICU-1", YearMonth.of(2026, 3));
    private static final Bucket ICU_APRIL = Bucket.wardMonth("ICU-1", YearMonth.of(2026, 4));
    private static final Bucket MED_MARCH = Bucket.wardMonth("MED-3", YearMonth.of(2026, 3));
    private static final EnvironmentLimits DEFAULT_LIMITS = new EnvironmentLimits(EnvironmentLimitSettings.defaults());

    private EventFeed feed;

    @BeforeEach
    void projection() {
        feed = new EventFeed(new EnvironmentComplianceProjection(database, HospitalCalendar.utc(), DEFAULT_LIMITS));
    }

    @Test
    void eachSampleCarriesItsTypeLimitAndVerdictAndAValueAtTheLimitIsCompliant() {
        feed.deliver(recorded(0, surface("E-1", "ICU-1", EnvironmentClass.I, 5.0, "2026-03-03T09:00:00Z")));
        feed.deliver(recorded(0, surface("E-2", "ICU-1", EnvironmentClass.I, 5.1, "2026-03-03T09:05:00Z")));
        feed.deliver(recorded(0, hands("E-3", "ICU-1", HandDisinfection.SURGICAL, 5.0, "2026-03-04T09:00:00Z")));
        feed.deliver(recorded(0, disinfectant("E-4", "ICU-1", DisinfectantUse.STERILANT, 0.0, "2026-03-05T09:00:00Z")));

        assertThat(entries(BUCKETS, ICU_MARCH, "samples")).isEqualTo(new Document()
                .append("E-1", entry("SURFACE", 5.0, 5.0, true))
                .append("E-2", entry("SURFACE", 5.1, 5.0, false))
                .append("E-3", entry("HANDS", 5.0, 5.0, true))
                .append("E-4", entry("DISINFECTANT_IN_USE", 0.0, 0.0, true)));
    }

    @Test
    void anAmendmentReplacesTheVerdictAndMovesTheSampleToItsNewWardOrMonth() {
        feed.deliver(recorded(0, surface("E-1", "ICU-1", EnvironmentClass.III, 12.0, "2026-03-03T09:00:00Z")));
        feed.deliver(recorded(0, surface("E-2", "ICU-1", EnvironmentClass.III, 3.0, "2026-03-03T09:00:00Z")));

        feed.deliver(amended(1, surface("E-1", "ICU-1", EnvironmentClass.III, 10.0, "2026-03-03T09:00:00Z")));
        assertThat(entries(BUCKETS, ICU_MARCH, "samples").get("E-1")).isEqualTo(entry("SURFACE", 10.0, 10.0, true));

        feed.deliver(amended(2, surface("E-1", "MED-3", EnvironmentClass.III, 10.0, "2026-03-03T09:00:00Z")));
        assertThat(entries(BUCKETS, ICU_MARCH, "samples")).containsOnlyKeys("E-2");
        assertThat(entries(BUCKETS, MED_MARCH, "samples")).containsOnlyKeys("E-1");

        feed.deliver(amended(3, surface("E-1", "MED-3", EnvironmentClass.III, 10.0, "2026-04-01T00:00:00Z")));
        assertThat(entries(BUCKETS, MED_MARCH, "samples")).isEmpty();
        assertThat(entries(BUCKETS, Bucket.wardMonth("MED-3", YearMonth.of(2026, 4)), "samples")).containsOnlyKeys("E-1");
    }

    @Test
    void theCollectionMonthIsTakenInTheHospitalZone() {
        EventFeed shanghai = new EventFeed(new EnvironmentComplianceProjection(
                database, new HospitalCalendar(ZoneId.of("Asia/Shanghai")), DEFAULT_LIMITS));

        // 23:00 UTC on 31 March is 07:00 on 1 April in Shanghai.
        shanghai.deliver(recorded(0, surface("E-1", "ICU-1", EnvironmentClass.I, 1.0, "2026-03-31T23:00:00Z")));

        assertThat(entries(BUCKETS, ICU_APRIL, "samples")).containsOnlyKeys("E-1");
        assertThat(bucket(BUCKETS, ICU_MARCH)).isNull();
    }

    @Test
    void configuredLimitsDecideTheVerdict() {
        EnvironmentLimitSettings d = EnvironmentLimitSettings.defaults();
        EnvironmentLimits stricterSurfaces = new EnvironmentLimits(new EnvironmentLimitSettings(d.air(), 2.5,
                d.surfaceClassIIIandIV(), d.handsHygienic(), d.handsSurgical(), d.disinfectantSterilant(),
                d.disinfectantSkinMucosa(), d.disinfectantOther(), d.sterileStorageFluid(), d.sterilizedItem()));
        EventFeed strict = new EventFeed(new EnvironmentComplianceProjection(database, HospitalCalendar.utc(), stricterSurfaces));

        strict.deliver(recorded(0, surface("E-1", "ICU-1", EnvironmentClass.II, 3.0, "2026-03-03T09:00:00Z")));

        assertThat(entries(BUCKETS, ICU_MARCH, "samples").get("E-1")).isEqualTo(entry("SURFACE", 3.0, 2.5, false));
    }

    @Test
    void aSampleWithoutItsQualifierCountsNowhereUntilAnAmendmentSuppliesIt() {
        feed.deliver(recorded(0, surface("E-1", "ICU-1", null, 3.0, "2026-03-03T09:00:00Z")));
        assertThat(bucket(BUCKETS, ICU_MARCH)).isNull();

        feed.deliver(amended(1, surface("E-1", "ICU-1", EnvironmentClass.II, 3.0, "2026-03-03T09:00:00Z")));
        assertThat(entries(BUCKETS, ICU_MARCH, "samples")).containsOnlyKeys("E-1");
    }

    @Test
    void redeliveryChangesNothingAndAnOlderVersionDoesNotComeBack() {
        DomainEvent original = recorded(0, surface("E-1", "ICU-1", EnvironmentClass.I, 9.0, "2026-03-03T09:00:00Z"));
        DomainEvent amendment = amended(1, surface("E-1", "ICU-1", EnvironmentClass.I, 4.0, "2026-03-03T09:00:00Z"));
        feed.deliverAll(List.of(original, amendment));
        List<Document> once = snapshot(database, BUCKETS, EnvironmentComplianceProjection.FACTS);

        feed.deliverAll(List.of(original, amendment, original));

        assertThat(snapshot(database, BUCKETS, EnvironmentComplianceProjection.FACTS)).isEqualTo(once);
        assertThat(entries(BUCKETS, ICU_MARCH, "samples").get("E-1")).isEqualTo(entry("SURFACE", 4.0, 5.0, true));
    }

    @Test
    void aResetClearsTheReadModel() {
        feed.deliver(recorded(0, surface("E-1", "ICU-1", EnvironmentClass.I, 9.0, "2026-03-03T09:00:00Z")));

        feed.reset();

        // Nothing but the mark that the month key lists (none yet) are complete.
        assertThat(database.getCollection(BUCKETS).find()).containsExactly(Bucket.keysComplete());
        assertThat(database.getCollection(EnvironmentComplianceProjection.FACTS).countDocuments()).isZero();
    }

    private static EnvironmentSample surface(String id, String ward, EnvironmentClass environmentClass, double cfu, String at) {
        return new EnvironmentSample(id, ward, SampleType.SURFACE, environmentClass, null, null, cfu, Instant.parse(at));
    }

    private static EnvironmentSample hands(String id, String ward, HandDisinfection disinfection, double cfu, String at) {
        return new EnvironmentSample(id, ward, SampleType.HANDS, null, disinfection, null, cfu, Instant.parse(at));
    }

    private static EnvironmentSample disinfectant(String id, String ward, DisinfectantUse use, double cfu, String at) {
        return new EnvironmentSample(id, ward, SampleType.DISINFECTANT_IN_USE, null, null, use, cfu, Instant.parse(at));
    }

    private static DomainEvent recorded(long sequence, EnvironmentSample sample) {
        return new DomainEvent("environment-sample:" + sample.sampleId(), sequence, new EnvironmentSampleRecorded(sample));
    }

    private static DomainEvent amended(long sequence, EnvironmentSample sample) {
        return new DomainEvent("environment-sample:" + sample.sampleId(), sequence, new EnvironmentSampleAmended(sample));
    }

    private static Document entry(String type, double cfu, double limit, boolean compliant) {
        return new Document("sampleType", type).append("cfu", cfu).append("limit", limit).append("compliant", compliant);
    }
}

package org.hospital.surveillance.app.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.events.EventMetadata;
import org.hospital.surveillance.events.casereport.CaseCategory;
import org.hospital.surveillance.events.casereport.CaseReport;
import org.hospital.surveillance.events.casereport.CaseReported;
import org.hospital.surveillance.events.casereport.DeviceAssociation;
import org.hospital.surveillance.events.casereport.InfectionSite;
import org.hospital.surveillance.events.census.WardCensus;
import org.hospital.surveillance.events.census.WardCensusRecorded;
import org.hospital.surveillance.events.environment.EnvironmentClass;
import org.hospital.surveillance.events.environment.EnvironmentSample;
import org.hospital.surveillance.events.environment.EnvironmentSampleRecorded;
import org.hospital.surveillance.events.environment.SampleType;
import org.hospital.surveillance.events.labresult.CultureResult;
import org.hospital.surveillance.events.labresult.LabResult;
import org.hospital.surveillance.events.labresult.LabResultRecorded;
import org.hospital.surveillance.events.labresult.SpecimenType;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorResult;
import org.hospital.surveillance.events.sterilization.BowieDickResult;
import org.hospital.surveillance.events.sterilization.CycleType;
import org.hospital.surveillance.events.sterilization.IndicatorResult;
import org.hospital.surveillance.events.sterilization.SterilizationLoad;
import org.hospital.surveillance.events.sterilization.SterilizationLoadRecorded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unpaced rebuild of every projection over a generated history (appended straight to the event
 * store, as the write side would have: a year of census days, lab results, samples, loads and case
 * reports across 20 wards), timed from the request to the switch and checked to give the same
 * answers. 5,000 events in the suite; {@code -Dsurveillance.rebuild-test.events=20000} for the pace
 * on a small history (printed as {@code REBUILD all: ...}). The million-event figure quoted in
 * docs/epidemiology.md comes from {@code app/benchmark/ReplayThroughputBenchmark} (docs/benchmarks.md).
 */
class RebuildThroughputTest {

    static final int EVENTS = Integer.getInteger("surveillance.rebuild-test.events", 5_000);

    @TempDir
    Path dataDir;

    @Test
    void aFullRebuildOfAGeneratedHistoryGivesTheSameAnswers() {
        try (Platform platform = Platform.start(dataDir)) {
            appendHistory(platform.bean(EventStore.class));
            // The live processors first work through the appended history (each wait of the harness is 30 s).
            await().atMost(Duration.ofMinutes(5)).ignoreExceptions().untilAsserted(platform::awaitProjectionsCaughtUp);
            HistoryApi api = new HistoryApi(platform);
            List<String> reads = List.of("/api/rates?month=2026-01", "/api/rates?month=2026-07",
                    "/api/compliance?month=2026-03", "/api/sterilization-compliance?month=2026-11", "/api/alerts");
            Map<String, JsonNode> before = api.readAll("epi1", reads);
            RebuildApi projections = new RebuildApi(api);

            long started = System.nanoTime();
            projections.rebuild("all");
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> projections.all(p -> RebuildApi.liveOn(p, 2)));
            double seconds = (System.nanoTime() - started) / 1e9;

            System.out.printf("REBUILD all: %d events in %.1f s = %.0f events/s%n", platform.eventCount(), seconds,
                    platform.eventCount() / seconds);
            platform.awaitProjectionsCaughtUp();
            assertThat(api.readAll("epi1", reads)).isEqualTo(before);
            // Census in wards W-0..2 and W-10..12 (i % 10 < 3), case reports in W-9 and W-19 (i % 10 == 9).
            assertThat(before.get("/api/rates?month=2026-01")).hasSize(8);
        }
    }

    private static void appendHistory(EventStore store) {
        MetaData nurse = MetaData.with(EventMetadata.PRINCIPAL, "nurse1").and(EventMetadata.CHANNEL, "HTTP");
        Instant admitted = Instant.parse("2025-12-01T08:00:00Z");
        List<GenericDomainEventMessage<?>> batch = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String ward = "W-" + (i % 20);
            Instant at = Instant.parse("2026-01-01T06:00:00Z").plus(Duration.ofMinutes(26L * i));
            Object payload;
            String aggregate;
            switch (i % 10) {
                case 0, 1, 2 -> {
                    LocalDate date = LocalDate.of(2026, 1, 1).plusDays(i / 20 % 365);
                    aggregate = "ward-census:" + ward + ":" + date + ":" + i;
                    payload = new WardCensusRecorded(new WardCensus(ward, date, 20, 2, 5, 6, 3));
                }
                case 3, 4, 5 -> {
                    aggregate = "lab-result:G-" + i;
                    payload = new LabResultRecorded(new LabResult("G-" + i, "P-" + i, ward, admitted, SpecimenType.URINE,
                            at, CultureResult.NEGATIVE, null, null, List.of()));
                }
                case 6, 7 -> {
                    aggregate = "environment-sample:G-" + i;
                    payload = new EnvironmentSampleRecorded(new EnvironmentSample("G-" + i, ward, SampleType.AIR,
                            EnvironmentClass.II, null, null, 2.0, at));
                }
                case 8 -> {
                    aggregate = "sterilization-load:G-" + i;
                    payload = new SterilizationLoadRecorded(new SterilizationLoad("G-" + i, "S" + (i % 3), CycleType.PREVACUUM_STEAM,
                            at, BowieDickResult.PASS, IndicatorResult.PASS, BiologicalIndicatorResult.PASS, 30));
                }
                default -> {
                    aggregate = "case-report:G-" + i;
                    payload = new CaseReported(new CaseReport("G-" + i, "P-" + i, ward, CaseCategory.HAI, InfectionSite.UTI,
                            null, null, at, DeviceAssociation.URINARY_CATHETER, null, null));
                }
            }
            batch.add(new GenericDomainEventMessage<>(payload.getClass().getSimpleName(), aggregate, 0, payload, nurse));
            if (batch.size() == 500) {
                store.publish(batch);
                batch.clear();
            }
        }
        store.publish(batch);
    }
}

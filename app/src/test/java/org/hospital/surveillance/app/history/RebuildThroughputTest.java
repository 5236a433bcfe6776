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
import java.util.concurrent.TimeUnit;
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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unpaced rebuild of every projection over a generated history (appended straight to the event
 * store, as the write side would have: a year of census days, lab results, samples, loads and case
 * reports across 20 wards, with clusters, non-compliant samples and failed loads planted among the
 * first 5,000 events so that the alert detector raises alerts), timed from the request to the
 * switch and checked to give the same answers, alerts included. 5,000 events in the suite; {@code -Dsurveillance.rebuild-test.events=20000} for the pace
 * on a small history (printed as {@code REBUILD all: ...}). The million-event figure quoted in
 * docs/epidemiology.md comes from {@code app/benchmark/ReplayThroughputBenchmark} (docs/benchmarks.md).
 */
class RebuildThroughputTest {

    static final int EVENTS = Integer.getInteger("surveillance.rebuild-test.events", 5_000);
    /** The planted failures: one of each kind per thousand events, in the first 5,000 only. */
    private static final int PLANTED_UP_TO = 5_000;
    /** A cluster's three cases (lab result slots, all in W-3: 1000 is a multiple of 20 wards). */
    private static final List<Integer> CLUSTER_CASES = List.of(3, 23, 43);
    /** A non-compliant air sample (W-6) and a failed load (S2), one each per thousand events. */
    private static final int NON_COMPLIANT_SAMPLE = 6;
    private static final int FAILED_LOAD = 8;
    /** One organism per thousand: five keys, so five clusters rather than later cases joining the first. */
    private static final List<List<String>> CLUSTER_ORGANISMS = List.of(
            List.of("Staphylococcus aureus", "MRSA"), List.of("Klebsiella pneumoniae", "CRE"),
            List.of("Escherichia coli", "ESBL"), List.of("Enterococcus faecium", "VRE"),
            List.of("Acinetobacter baumannii", "CRAB"));

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES) // its own waits: 5 min to catch up, 10 to rebuild, for bigger histories
    void aFullRebuildOfAGeneratedHistoryGivesTheSameAnswers() {
        try (Platform platform = Platform.start(dataDir)) {
            appendHistory(platform.bean(EventStore.class));
            // The live processors first work through the appended history (each wait of the harness is 30 s),
            // then through the alerts the detector appended meanwhile.
            await().atMost(Duration.ofMinutes(5)).ignoreExceptions().untilAsserted(platform::awaitProjectionsCaughtUp);
            platform.awaitQuiet();
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
            // Planted in thousands 0..4: five clusters in W-3 (P-3, P-23, P-43 in the first, one organism
            // each), five samples of 9.0 CFU over AIR class II's 4.0 (G-6 .. G-4006), five loads with a
            // failed chemical indicator (G-8 .. G-4008): fifteen alerts the rebuild must give again.
            List<String> alerts = new ArrayList<>();
            before.get("/api/alerts").forEach(alert -> alerts.add(alert.path("type").asText().equals("CLUSTER")
                    ? "CLUSTER " + alert.path("wardId").asText() + " " + alert.path("organism").asText()
                            + " " + alert.path("patientIds")
                    : alert.path("alertId").asText()));
            assertThat(alerts).containsExactlyInAnyOrder(
                    "CLUSTER W-3 Staphylococcus aureus [\"P-23\",\"P-3\",\"P-43\"]", // patient ids sorted as text
                    "CLUSTER W-3 Klebsiella pneumoniae [\"P-1003\",\"P-1023\",\"P-1043\"]",
                    "CLUSTER W-3 Escherichia coli [\"P-2003\",\"P-2023\",\"P-2043\"]",
                    "CLUSTER W-3 Enterococcus faecium [\"P-3003\",\"P-3023\",\"P-3043\"]",
                    "CLUSTER W-3 Acinetobacter baumannii [\"P-4003\",\"P-4023\",\"P-4043\"]",
                    "ENV-G-6", "ENV-G-1006", "ENV-G-2006", "ENV-G-3006", "ENV-G-4006",
                    "STER-G-8", "STER-G-1008", "STER-G-2008", "STER-G-3008", "STER-G-4008");
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
                    List<String> organism = planted(i, CLUSTER_CASES) ? CLUSTER_ORGANISMS.get(i / 1000) : null;
                    payload = new LabResultRecorded(new LabResult("G-" + i, "P-" + i, ward, admitted, SpecimenType.URINE,
                            at, organism == null ? CultureResult.NEGATIVE : CultureResult.POSITIVE,
                            organism == null ? null : organism.get(0), organism == null ? null : organism.get(1), List.of()));
                }
                case 6, 7 -> {
                    aggregate = "environment-sample:G-" + i;
                    payload = new EnvironmentSampleRecorded(new EnvironmentSample("G-" + i, ward, SampleType.AIR,
                            EnvironmentClass.II, null, null, planted(i, List.of(NON_COMPLIANT_SAMPLE)) ? 9.0 : 2.0, at));
                }
                case 8 -> {
                    aggregate = "sterilization-load:G-" + i;
                    payload = new SterilizationLoadRecorded(new SterilizationLoad("G-" + i, "S" + (i % 3), CycleType.PREVACUUM_STEAM,
                            at, BowieDickResult.PASS, planted(i, List.of(FAILED_LOAD)) ? IndicatorResult.FAIL : IndicatorResult.PASS,
                            BiologicalIndicatorResult.PASS, 30));
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

    /** Whether event {@code i} is one of the planted failures at these places in its thousand. */
    private static boolean planted(int i, List<Integer> placesInThousand) {
        return i < PLANTED_UP_TO && placesInThousand.contains(i % 1000);
    }
}

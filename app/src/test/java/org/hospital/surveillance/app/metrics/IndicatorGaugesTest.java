package org.hospital.surveillance.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.junit.jupiter.api.Test;

/** How the indicator rows follow the read models: updated in place, removed when gone, capped. */
class IndicatorGaugesTest {

    private static final String METRIC = "surveillance.environment.compliance.ratio";
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicReference<List<Indicator>> readModel = new AtomicReference<>(List.of());
    private final AtomicReference<YearMonth> askedFor = new AtomicReference<>();

    private IndicatorGauges gauges(int maxSeries) {
        Clock clock = Clock.fixed(Instant.parse("2026-03-31T23:30:00Z"), ZoneOffset.UTC);
        Indicator.Source source = month -> {
            askedFor.set(month);
            return readModel.get();
        };
        return new IndicatorGauges(List.of(source), registry, new HospitalCalendar(ZoneOffset.ofHours(8)), clock,
                Duration.ofSeconds(15), maxSeries);
    }

    @Test
    void theMonthIsTheHospitalsAndRowsFollowTheReadModels() {
        IndicatorGauges gauges = gauges(100);
        readModel.set(List.of(ratio("ICU-1", 0.5), ratio("OR-2", 1.0)));
        gauges.refresh();
        // 23:30 UTC on 31 March is 1 April in a UTC+8 hospital.
        assertThat(askedFor.get()).isEqualTo(YearMonth.of(2026, 4));
        assertThat(value("ICU-1")).isEqualTo(0.5);
        assertThat(value("OR-2")).isEqualTo(1.0);

        readModel.set(List.of(ratio("ICU-1", 0.75)));
        gauges.refresh();
        assertThat(value("ICU-1")).isEqualTo(0.75);
        assertThat(registry.find(METRIC).tag("ward", "OR-2").gauge()).isNull();

        readModel.set(List.of());
        gauges.refresh();
        assertThat(registry.find(METRIC).gauges()).isEmpty();
    }

    @Test
    void aScrapeDuringARefreshNeverMissesARow() throws Exception {
        IndicatorGauges gauges = gauges(100);
        List<Indicator> wards = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            wards.add(ratio("W-" + i, 0.9));
        }
        readModel.set(wards);
        gauges.refresh();
        CompletableFuture<Void> refresher = CompletableFuture.runAsync(() -> {
            for (int round = 0; round < 300; round++) {
                gauges.refresh();
            }
        });
        // Scrapes in bursts while the refresher works; a scrape that misses a row is recorded rather than
        // thrown inside the await, and fails the assertion below with the row counts it saw.
        AtomicInteger scrapes = new AtomicInteger();
        List<Integer> missed = new CopyOnWriteArrayList<>();
        Awaitility.await("300 refreshes, scraped meanwhile").atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    for (int burst = 0; burst < 100; burst++) {
                        int rows = registry.find(METRIC).gauges().size();
                        if (rows != 50) {
                            missed.add(rows);
                        }
                        scrapes.incrementAndGet();
                    }
                    return refresher.isDone();
                });
        refresher.get(30, TimeUnit.SECONDS);
        assertThat(missed).as("rows seen by scrapes that missed some").isEmpty();
        assertThat(scrapes.get()).isPositive();
    }

    @Test
    void aFloodOfWardIdsIsCappedToTheFirstInTagOrder() {
        IndicatorGauges gauges = gauges(2);
        readModel.set(List.of(ratio("C", 0.1), ratio("A", 0.2), ratio("B", 0.3)));
        gauges.refresh();
        assertThat(registry.find(METRIC).gauges()).extracting(g -> g.getId().getTag("ward")).containsExactlyInAnyOrder("A", "B");
    }

    private static Indicator ratio(String ward, double value) {
        return new Indicator(METRIC, "compliance", Tags.of("ward", ward, "sample_type", "AIR"), value);
    }

    private double value(String ward) {
        Gauge gauge = registry.find(METRIC).tag("ward", ward).gauge();
        assertThat(gauge).as(ward).isNotNull();
        return gauge.value();
    }
}

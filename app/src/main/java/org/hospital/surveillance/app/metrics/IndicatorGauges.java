package org.hospital.surveillance.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The indicator gauges: every {@code refresh} interval, on a thread of their own, the current
 * month's figures are read from the read models through the {@link Indicator.Source}s and become
 * the rows of one multi-gauge per metric. A scrape only reads the last rows: it never waits for
 * MongoDB, and a slow or failing read model leaves the previous figures (with
 * {@code surveillance_indicators_refreshed_timestamp_seconds} not moving, and
 * {@code surveillance_indicator_refresh_failures_total} counting) instead of failing the scrape.
 *
 * <p>Rows that disappear (a new month, a retracted last case) are removed. Tags come from ward,
 * sterilizer and sample-type names; as a guard against a flood of mistyped ward ids, a metric keeps
 * at most {@code maxSeries} rows (in tag order) and says so in the log.
 */
final class IndicatorGauges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IndicatorGauges.class);

    private final List<Indicator.Source> sources;
    private final MeterRegistry registry;
    private final HospitalCalendar calendar;
    private final Clock clock;
    private final Duration refresh;
    private final int maxSeries;
    private final Map<String, MultiGauge> gauges = new LinkedHashMap<>();
    private final Map<String, Map<Tags, Value>> values = new HashMap<>();
    private final Set<String> cappedMetrics = ConcurrentHashMap.newKeySet();
    private final AtomicLong refreshedAtMillis = new AtomicLong();
    private final Counter failures;
    private final Object lifecycle = new Object();
    private ScheduledExecutorService scheduler;

    IndicatorGauges(List<Indicator.Source> sources, MeterRegistry registry, HospitalCalendar calendar, Clock clock,
                    Duration refresh, int maxSeries) {
        this.sources = List.copyOf(sources);
        this.registry = registry;
        this.calendar = calendar;
        this.clock = clock;
        this.refresh = refresh;
        this.maxSeries = maxSeries;
        Gauge.builder("surveillance.indicators.refreshed.timestamp.seconds", refreshedAtMillis, ms -> ms.get() / 1000.0)
                .description("When the indicator gauges were last read from the read models (Unix time)")
                .register(registry);
        this.failures = Counter.builder("surveillance.indicator.refresh.failures")
                .description("Indicator refreshes that failed (the previous figures stay)")
                .register(registry);
    }

    /** Reads every source for the current month and replaces the gauges' rows. */
    synchronized void refresh() {
        YearMonth month = calendar.monthOf(clock.instant());
        Map<String, List<Indicator>> byMetric = new LinkedHashMap<>();
        for (Indicator.Source source : sources) {
            for (Indicator indicator : source.read(month)) {
                byMetric.computeIfAbsent(indicator.metric(), m -> new ArrayList<>()).add(indicator);
            }
        }
        // Metrics seen before but without rows now are emptied, not left at their last values.
        gauges.keySet().forEach(metric -> byMetric.putIfAbsent(metric, List.of()));
        byMetric.forEach((metric, indicators) -> {
            MultiGauge gauge = gauges.computeIfAbsent(metric, m -> MultiGauge.builder(m)
                    .description(indicators.isEmpty() ? null : indicators.get(0).description())
                    .register(registry));
            gauge.register(rows(metric, indicators), false);
        });
        // Wall time, not the hospital clock: this says how fresh the figures are.
        refreshedAtMillis.set(System.currentTimeMillis());
    }

    /**
     * Rows that read a holder: an existing row keeps its gauge and only its value changes, so a
     * scrape during a refresh never misses a series (re-registering rows would drop each for a
     * moment, and an alert on it would resolve and fire again).
     */
    private List<MultiGauge.Row<?>> rows(String metric, List<Indicator> indicators) {
        List<Indicator> kept = indicators;
        if (indicators.size() > maxSeries) {
            kept = indicators.stream().sorted(Comparator.comparing(i -> i.tags().toString())).limit(maxSeries).toList();
            if (cappedMetrics.add(metric)) {
                log.warn("{} has {} series; only the first {} are published (surveillance.metrics.max-series-per-indicator)",
                        metric, indicators.size(), maxSeries);
            }
        }
        Map<Tags, Value> current = values.computeIfAbsent(metric, m -> new HashMap<>());
        Map<Tags, Value> next = new HashMap<>();
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Indicator indicator : kept) {
            Value holder = current.getOrDefault(indicator.tags(), new Value());
            holder.set(indicator.value());
            next.put(indicator.tags(), holder);
            rows.add(MultiGauge.Row.of(indicator.tags(), holder, Value::get));
        }
        values.put(metric, next);
        return rows;
    }

    private void refreshSafely() {
        try {
            refresh();
        } catch (RuntimeException e) {
            failures.increment();
            log.warn("Indicator refresh failed; the previous figures stay: {}", e.toString());
        }
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            startScheduler();
        }
    }

    private void startScheduler() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "surveillance-indicators");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::refreshSafely, 0, Math.max(10, refresh.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Does not wait for a refresh in progress (that one holds the gauges' lock, not this one). */
    @Override
    public void stop() {
        synchronized (lifecycle) {
            if (scheduler != null) {
                scheduler.shutdownNow();
                scheduler = null;
            }
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (lifecycle) {
            return scheduler != null;
        }
    }

    /** Started after Axon and the web server, stopped before the Mongo clients close. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    /** The current value of one row, read by its gauge at each scrape. */
    private static final class Value {
        private volatile double value;

        void set(double value) {
            this.value = value;
        }

        double get() {
            return value;
        }
    }
}

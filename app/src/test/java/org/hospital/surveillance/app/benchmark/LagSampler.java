package org.hospital.surveillance.app.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every processor's lag as the platform reports it ({@code surveillance_processor_lag_seconds}
 * on {@code /actuator/prometheus}), scraped once a second from every instance while a load runs.
 * An instance that holds no segment of a processor reports NaN for it; of two instances the one
 * holding the segment gives the figure (the largest finite one is kept).
 */
final class LagSampler implements AutoCloseable {

    private static final Pattern LAG = Pattern.compile("^surveillance_processor_lag_seconds\\{[^}]*processor=\"([^\"]+)\"[^}]*\\} (\\S+)",
            Pattern.MULTILINE);

    private final List<String> baseUrls;
    private final HttpClient http = HttpLoad.client();
    private final Map<String, List<Double>> samples = new TreeMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger scrapes = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();

    LagSampler(List<String> baseUrls) {
        this.baseUrls = baseUrls;
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    /** One scrape of every instance now: each processor's lag in seconds (NaN when no instance holds it). */
    Map<String, Double> now() {
        Map<String, Double> lag = new TreeMap<>();
        for (String baseUrl : baseUrls) {
            scrapes.incrementAndGet();
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = LAG.matcher(body);
                while (m.find()) {
                    double value = Double.parseDouble(m.group(2));
                    lag.merge(m.group(1), value, (a, b) -> Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b));
                }
            } catch (Exception noAnswer) {
                // A scrape that gets no answer in 10 s leaves a gap (counted); the next one comes a second later.
                unanswered.incrementAndGet();
            }
        }
        return lag;
    }

    private void sample() {
        Map<String, Double> lag = now();
        synchronized (samples) {
            lag.forEach((processor, value) -> {
                if (!Double.isNaN(value)) {
                    samples.computeIfAbsent(processor, p -> new ArrayList<>()).add(value);
                }
            });
        }
    }

    /** How many scrapes were sent, and how many got no answer within 10 s (their samples are missing). */
    String scrapes() {
        return scrapes.get() + " scrapes, " + unanswered.get() + " unanswered";
    }

    /** Per processor: p50, p99 and max of the lag samples taken so far, and how many. */
    Map<String, double[]> summary() {
        Map<String, double[]> summary = new TreeMap<>();
        synchronized (samples) {
            samples.forEach((processor, values) -> {
                double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                summary.put(processor, new double[] {quantile(sorted, 0.5), quantile(sorted, 0.99), sorted[sorted.length - 1],
                        sorted.length});
            });
        }
        return summary;
    }

    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    static double[] sortedCopy(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

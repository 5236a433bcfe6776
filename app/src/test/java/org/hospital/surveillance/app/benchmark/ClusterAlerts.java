package org.hospital.surveillance.app.benchmark;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clusters injected into a running load, each in its own ward, and the time from the 201 of a
 * cluster's third case to the {@code alert} event for it on a nurse's open
 * {@code GET /api/alerts/stream?type=CLUSTER} (read line by line as a browser's EventSource does).
 * The three cases of a cluster are sent one second apart, a new cluster every {@code every} seconds.
 */
final class ClusterAlerts implements AutoCloseable {

    private static final Pattern WARD = Pattern.compile("\"wardId\"\\s*:\\s*\"([^\"]+)\"");

    private final String prefix;
    private final List<String> baseUrls;
    private final HttpClient http = HttpLoad.client();
    private final Map<String, Long> createdAt = new ConcurrentHashMap<>();
    private final Map<String, Long> streamedAt = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final Thread reader;
    private volatile InputStream stream;
    private int injected;

    /** Opens the stream on the first instance (on two instances a board change reaches streams on both). */
    ClusterAlerts(String prefix, List<String> baseUrls) throws Exception {
        this.prefix = prefix;
        this.baseUrls = baseUrls;
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(baseUrls.get(0) + "/api/alerts/stream?type=CLUSTER"))
                .header("Authorization", HttpLoad.authorization("nurse1")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/alerts/stream answered " + response.statusCode());
        }
        stream = response.body();
        reader = new Thread(this::read, "cluster-alert-stream");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String event = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:") && "alert".equals(event)) {
                    long now = System.nanoTime();
                    Matcher ward = WARD.matcher(line);
                    if (ward.find()) {
                        streamedAt.putIfAbsent(ward.group(1), now);
                    }
                } else if (line.isEmpty()) {
                    event = null;
                }
            }
        } catch (Exception closed) {
            // The stream ends when the benchmark closes it or the platform stops.
        }
    }

    /** Starts a new cluster now and every {@code everySeconds} after, for {@code clusters} clusters. */
    void inject(int clusters, int everySeconds) {
        for (int k = 0; k < clusters; k++) {
            String ward = prefix + "-" + k;
            String baseUrl = baseUrls.get(k % baseUrls.size());
            for (int p = 1; p <= 3; p++) {
                int caseNumber = p;
                timer.schedule(() -> send(baseUrl, ward, caseNumber), (long) k * everySeconds * 1000 + (p - 1) * 1000L,
                        TimeUnit.MILLISECONDS);
            }
            injected++;
        }
    }

    private void send(String baseUrl, String ward, int p) {
        try {
            HttpResponse<Void> response = http.send(MixedFacts.clusterCase(ward, p).toRequest(baseUrl),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 503) {
                // The intake was full: sent again after its Retry-After, as a nurse's screen or an interface engine does.
                timer.schedule(() -> send(baseUrl, ward, p), HttpLoad.retryAfterSeconds(response), TimeUnit.SECONDS);
            } else if (p == 3 && response.statusCode() == 201) {
                createdAt.put(ward, System.nanoTime());
            }
        } catch (Exception e) {
            // Counted as a cluster without a measured alert.
        }
    }

    int injected() {
        return injected;
    }

    /** Clusters whose third case got its 201 and whose alert has not been streamed yet. */
    int awaiting() {
        return (int) createdAt.keySet().stream().filter(ward -> !streamedAt.containsKey(ward)).count();
    }

    /** Milliseconds from the third case's 201 to the streamed alert, sorted, of the clusters whose alert came. */
    double[] latenciesMillis() {
        List<Double> millis = new ArrayList<>();
        createdAt.forEach((ward, created) -> {
            Long streamed = streamedAt.get(ward);
            if (streamed != null) {
                millis.add((streamed - created) / 1e6);
            }
        });
        return LagSampler.sortedCopy(millis);
    }

    /** Clusters measured: third case answered 201. */
    int created() {
        return createdAt.size();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            stream.close();
        } catch (Exception ignored) {
            // closing is all that is wanted
        }
        reader.interrupt();
    }
}

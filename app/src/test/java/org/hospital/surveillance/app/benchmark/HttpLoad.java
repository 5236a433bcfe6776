package org.hospital.surveillance.app.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * HTTP load on a running platform over loopback, as a hospital's interface engine or a board of
 * nurses would put it on: a closed loop (each connection sends its next request when the answer
 * to the last one arrives) and a paced open loop (requests leave at a fixed rate whatever the
 * answers do, so a slow platform builds up a backlog instead of slowing the load down).
 * Latencies of the open loop count from when a request was due, not from when it left.
 */
final class HttpLoad {

    static final String PASSWORD = "secret";

    /** One request: a GET when {@code body} is null, else a POST of that JSON. */
    record Call(String user, String path, String body) {

        static Call get(String user, String path) {
            return new Call(user, path, null);
        }

        HttpRequest toRequest(String baseUrl) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", authorization(user)).header("Accept", "application/json");
            return body == null ? builder.GET().build()
                    : builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }
    }

    /**
     * What a load achieved: answers with a 2xx, others (an error status or no answer), 503 answers
     * (refused at once: the platform's intake full, docs/write-api.md; the closed loop counts them
     * as failures, the paced load sends them again), requests never sent.
     */
    record Result(long ok, long failed, long refused, long notSent, double seconds, long[] latencyNanos) {

        double okPerSecond() {
            return ok / seconds;
        }

        /** The q-quantile (0..1) of the answers' latencies, in milliseconds (nearest rank). */
        double millis(double q) {
            if (latencyNanos.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(q * latencyNanos.length) - 1;
            return latencyNanos[Math.max(0, Math.min(latencyNanos.length - 1, rank))] / 1e6;
        }
    }

    private HttpLoad() {
    }

    static String authorization(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * {@code connections} threads, each with a client of its own (one kept-alive connection), sending
     * {@code next.apply(n)} for n = 0, 1, 2, ... shared between them: first for {@code warmUp}
     * (not counted), then for {@code run}.
     */
    static Result closedLoop(String baseUrl, int connections, Duration warmUp, Duration run, IntFunction<Call> next)
            throws InterruptedException {
        return closedLoop(List.of(baseUrl), connections, warmUp, run, next);
    }

    /** The same, connection c to {@code baseUrls[c mod n]}: a load balancer spreading connections over instances. */
    static Result closedLoop(List<String> baseUrls, int connections, Duration warmUp, Duration run, IntFunction<Call> next)
            throws InterruptedException {
        AtomicInteger sequence = new AtomicInteger();
        long measureFrom = System.nanoTime() + warmUp.toNanos();
        long end = measureFrom + run.toNanos();
        List<long[]> latencies = new ArrayList<>();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        CountDownLatch done = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            LongList mine = new LongList();
            synchronized (latencies) {
                latencies.add(null);
            }
            int slot = c;
            String baseUrl = baseUrls.get(c % baseUrls.size());
            threads.execute(() -> {
                HttpClient http = client();
                try {
                    while (System.nanoTime() < end) {
                        HttpRequest request = next.apply(sequence.getAndIncrement()).toRequest(baseUrl);
                        long sent = System.nanoTime();
                        int status;
                        try {
                            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (IOException e) {
                            status = 0;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        long answered = System.nanoTime();
                        if (sent >= measureFrom && answered <= end) {
                            if (status / 100 == 2) {
                                ok.incrementAndGet();
                                mine.add(answered - sent);
                            } else {
                                failed.incrementAndGet();
                                if (status == 503) {
                                    refused.incrementAndGet();
                                }
                            }
                        }
                    }
                } finally {
                    synchronized (latencies) {
                        latencies.set(slot, mine.toArray());
                    }
                    done.countDown();
                }
            });
        }
        done.await(run.plus(warmUp).plusMinutes(2).toMillis(), TimeUnit.MILLISECONDS);
        threads.shutdownNow();
        return new Result(ok.get(), failed.get(), refused.get(), 0, run.toNanos() / 1e9, merged(latencies));
    }

    /**
     * An open loop: request n is due at start + n / perSecond and sent then (to the base URLs in
     * turn), whether or not earlier ones were answered. A 503 (the platform's intake full, or a
     * store out of reach) is sent again after its {@code Retry-After}, as an interface engine does;
     * its latency runs from when it was first due. At most {@code maxInFlight} wait for an answer at
     * once, a request waiting to be sent again included; a due request beyond that is counted as not
     * sent. Waits up to a minute for the last answers after {@code run}.
     */
    static Result paced(List<String> baseUrls, double perSecond, Duration run, IntFunction<Call> next, int maxInFlight)
            throws InterruptedException {
        HttpClient http = client();
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "paced-resend");
            thread.setDaemon(true);
            return thread;
        });
        Semaphore inFlight = new Semaphore(maxInFlight);
        LongList latencies = new LongList();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long notSent = 0;
        long total = Math.round(perSecond * run.toNanos() / 1e9);
        long start = System.nanoTime();
        try {
            for (int n = 0; n < total; n++) {
                long due = start + Math.round(n * 1e9 / perSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (!inFlight.tryAcquire()) {
                    notSent++;
                    continue;
                }
                HttpRequest request = next.apply(n).toRequest(baseUrls.get(n % baseUrls.size()));
                new Runnable() {
                    @Override
                    public void run() {
                        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                            long answered = System.nanoTime();
                            if (error == null && response.statusCode() == 503) {
                                refused.incrementAndGet();
                                later.schedule(this, retryAfterSeconds(response), TimeUnit.SECONDS);
                                return;
                            }
                            if (error == null && response.statusCode() / 100 == 2) {
                                ok.incrementAndGet();
                                synchronized (latencies) {
                                    latencies.add(answered - due);
                                }
                            } else {
                                failed.incrementAndGet();
                            }
                            inFlight.release();
                        });
                    }
                }.run();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // The last answers still count; a bounded wait, then whatever is missing is a failure.
            if (inFlight.tryAcquire(maxInFlight, 60, TimeUnit.SECONDS)) {
                inFlight.release(maxInFlight);
            }
            long[] sorted;
            synchronized (latencies) {
                sorted = latencies.toArray();
            }
            Arrays.sort(sorted);
            long answered = ok.get() + failed.get();
            long sent = total - notSent;
            return new Result(ok.get(), failed.get() + (sent - answered), refused.get(), notSent, seconds, sorted);
        } finally {
            later.shutdownNow();
        }
    }

    /** The seconds a 503 asks the client to wait ({@code Retry-After}), 1 when it does not say. */
    static long retryAfterSeconds(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
    }

    private static long[] merged(List<long[]> parts) {
        long[] all = parts.stream().filter(p -> p != null).flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    /** A growable list of longs, so a minute of latencies at 1,000 requests/s costs no boxing. */
    static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}

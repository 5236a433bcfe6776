package org.hospital.surveillance.app.benchmark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * HTTP load on one write endpoint of a running platform, as a hospital's interface engine sends
 * it: kept-alive HTTP/1.1 connections, HTTP Basic on every request, one fact per request; or on one
 * read endpoint ({@link #reads}), as a board or a dashboard asks. Two modes:
 * <ul>
 * <li>{@link #closedLoop}: {@code connections} clients, each sending its next request as soon as
 * its previous one is answered (throughput at that concurrency);</li>
 * <li>{@link #openLoop}: requests due at a fixed rate whatever the answers do, over at most
 * {@code connections} connections; a request's latency counts from when it was due, so a
 * platform falling behind shows it (no coordinated omission).</li>
 * </ul>
 * Both warm up first and count only the requests of the measured window. The client is a few
 * lines over a plain socket, so that on a 2-core machine the load generator takes as little CPU
 * from the platform as possible.
 *
 * <p>Use:
 * <pre>
 * IngestLoad.Target target = IngestLoad.labResults(platform.baseUrl(), "lab1", "secret");
 * IngestLoad.Result r = IngestLoad.closedLoop(target, 8, Duration.ofSeconds(5), Duration.ofSeconds(20));
 * r.perSecond(); r.p50Millis(); r.p99Millis(); r.statuses();   // e.g. {201=...}
 * </pre>
 */
public final class IngestLoad {

    /**
     * Where to send and what: {@code body} gives the JSON of the n-th request of the run (n from 0,
     * unique across connections), POSTed; a null {@code body} makes every request a GET, with
     * {@code Accept-Encoding: acceptEncoding} when that is not null.
     */
    public record Target(URI baseUrl, String path, String user, String password, LongFunction<byte[]> body,
                         String acceptEncoding) {

        public Target(URI baseUrl, String path, String user, String password, LongFunction<byte[]> body) {
            this(baseUrl, path, user, password, body, null);
        }

        boolean reads() {
            return body == null;
        }
    }

    /**
     * What the measured window saw. {@code perSecond}: answers with a 2xx status per second;
     * latencies of every answer in the window (any status); {@code statuses}: count per HTTP status;
     * {@code failures}: requests that got no answer (connection closed or refused), {@code notSent}:
     * paced requests still unsent when the run ended (the platform could not keep up);
     * {@code answeredWithWarmUp}: every answer of the run, warm-up included (for a cost per request
     * measured over the whole run).
     */
    public record Result(String mode, int connections, double pacedPerSecond, double seconds, long answeredWithWarmUp, long answered,
                         long succeeded, Map<Integer, Long> statuses, long failures, long notSent,
                         double p50Millis, double p90Millis, double p99Millis, double maxMillis) {
        public double perSecond() {
            return succeeded / seconds;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "%s %d conn%s: %.1f/s ok, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, statuses %s, failures %d, not sent %d",
                    mode, connections, pacedPerSecond > 0 ? String.format(java.util.Locale.ROOT, " at %.0f/s", pacedPerSecond) : "",
                    perSecond(), p50Millis, p90Millis, p99Millis, maxMillis, statuses, failures, notSent);
        }
    }

    private IngestLoad() {
    }

    /**
     * {@code POST /api/lab-results} of positive blood cultures, each under a new accession number
     * (unique per run and request: every one is a new fact, answered 201).
     */
    public static Target labResults(String baseUrl, String user, String password) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return new Target(URI.create(baseUrl), "/api/lab-results", user, password, n -> labResult("L-" + run + "-" + n, n));
    }

    /** A realistic lab result: MRSA in a blood culture with a two-line antibiogram, on one of 20 wards. */
    public static byte[] labResult(String accessionNumber, long n) {
        return ("{\"accessionNumber\":\"" + accessionNumber + "\",\"patientId\":\"P-" + (100000 + n % 50000)
                + "\",\"wardId\":\"W-" + (n % 20) + "\",\"admittedAt\":\"2026-03-01T08:00:00Z\","
                + "\"specimenType\":\"BLOOD\",\"collectedAt\":\"2026-03-05T10:00:00Z\",\"result\":\"POSITIVE\","
                + "\"organism\":\"Staphylococcus aureus\",\"phenotype\":\"MRSA\",\"susceptibility\":["
                + "{\"antibiotic\":\"oxacillin\",\"interpretation\":\"R\"},{\"antibiotic\":\"vancomycin\",\"interpretation\":\"S\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code GET path} again and again (the body read and dropped, compressed or not), with an
     * {@code Accept-Encoding} when it is not null.
     */
    public static Target reads(String baseUrl, String path, String user, String password, String acceptEncoding) {
        return new Target(URI.create(baseUrl), path, user, password, null, acceptEncoding);
    }

    /** {@code connections} clients each sending one request after the other, for {@code warmUp} then {@code duration}. */
    public static Result closedLoop(Target target, int connections, Duration warmUp, Duration duration) {
        long start = System.nanoTime() + warmUp.toNanos();
        long end = start + duration.toNanos();
        AtomicLong sequence = new AtomicLong();
        Window window = new Window(start, end);
        run(connections, "closed-loop", worker -> {
            try (Connection connection = new Connection(target)) {
                for (long sent = System.nanoTime(); sent < end; sent = System.nanoTime()) {
                    long n = sequence.getAndIncrement();
                    int status = connection.send(target.reads() ? null : target.body().apply(n));
                    worker.answered(sent, System.nanoTime(), status);
                }
            }
        }, window);
        return window.result("closed-loop", connections, 0);
    }

    /**
     * Requests due every {@code 1/perSecond} s for {@code warmUp} then {@code duration}, sent over at
     * most {@code connections} connections (a request due while all are busy waits for one, and that
     * wait is part of its latency). Requests still unsent 10 s after the end are given up and counted
     * as not sent.
     */
    public static Result openLoop(Target target, double perSecond, int connections, Duration warmUp, Duration duration) {
        long first = System.nanoTime() + 100_000_000L;
        long start = first + warmUp.toNanos();
        long end = start + duration.toNanos();
        long giveUp = end + Duration.ofSeconds(10).toNanos();
        double interval = 1e9 / perSecond;
        AtomicLong tickets = new AtomicLong();
        Window window = new Window(start, end);
        run(connections, "open-loop", worker -> {
            try (Connection connection = new Connection(target)) {
                while (true) {
                    long ticket = tickets.getAndIncrement();
                    long due = first + (long) (ticket * interval);
                    if (due >= end) {
                        return;
                    }
                    long now;
                    while ((now = System.nanoTime()) < due) {
                        LockSupport.parkNanos(due - now);
                    }
                    if (now > giveUp) {
                        if (due >= start) {
                            window.notSent.addAndGet((end - due) / (long) interval + 1);
                        }
                        return;
                    }
                    int status = connection.send(target.reads() ? null : target.body().apply(ticket));
                    worker.answered(due, System.nanoTime(), status);
                }
            }
        }, window);
        return window.result("open-loop", connections, perSecond);
    }

    private interface Work {
        void run(Worker worker) throws IOException;
    }

    private static void run(int connections, String name, Work work, Window window) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Worker worker = new Worker(window);
            window.workers.add(worker);
            Thread thread = new Thread(() -> {
                try {
                    work.run(worker);
                } catch (IOException | RuntimeException e) {
                    window.failures.incrementAndGet();
                }
            }, name + "-" + i);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** The measured window and what each worker saw in it. */
    private static final class Window {
        final long start;
        final long end;
        final List<Worker> workers = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicLong failures = new AtomicLong();
        final AtomicLong notSent = new AtomicLong();

        Window(long start, long end) {
            this.start = start;
            this.end = end;
        }

        Result result(String mode, int connections, double paced) {
            List<RawAppend.Latencies> latencies = new ArrayList<>();
            Map<Integer, Long> statuses = new TreeMap<>();
            long succeeded = 0;
            long withWarmUp = 0;
            for (Worker worker : workers) {
                withWarmUp += worker.all;
                latencies.add(worker.latencies);
                worker.statuses.forEach((status, count) -> statuses.merge(status, count, Long::sum));
                succeeded += worker.succeeded;
            }
            RawAppend.Latencies all = RawAppend.Latencies.merge(latencies);
            return new Result(mode, connections, paced, (end - start) / 1e9, withWarmUp, all.count(), succeeded, statuses,
                    failures.get(), notSent.get(), all.percentileMillis(0.50), all.percentileMillis(0.90),
                    all.percentileMillis(0.99), all.maxMillis());
        }
    }

    /** One connection's record: only requests that started (closed loop) or were due (open loop) in the window count. */
    private static final class Worker {
        final Window window;
        final RawAppend.Latencies latencies = new RawAppend.Latencies();
        final Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        long succeeded;
        long all;

        Worker(Window window) {
            this.window = window;
        }

        void answered(long from, long to, int status) {
            all++;
            if (from < window.start || from >= window.end) {
                return;
            }
            latencies.add(to - from);
            statuses.merge(status, 1L, Long::sum);
            if (status >= 200 && status < 300) {
                succeeded++;
            }
        }
    }

    /** One kept-alive HTTP/1.1 connection: writes a POST or a GET, reads the status and skips the body (length or chunked). */
    private static final class Connection implements AutoCloseable {
        private final Target target;
        private final byte[] head;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection(Target target) {
            this.target = target;
            String credentials = Base64.getEncoder().encodeToString(
                    (target.user() + ":" + target.password()).getBytes(StandardCharsets.UTF_8));
            String common = " " + target.path() + " HTTP/1.1\r\nHost: " + target.baseUrl().getHost() + ":"
                    + target.baseUrl().getPort() + "\r\nAuthorization: Basic " + credentials
                    + "\r\nAccept: application/json, application/problem+json\r\n";
            this.head = (target.reads()
                    ? "GET" + common + (target.acceptEncoding() == null ? "" : "Accept-Encoding: " + target.acceptEncoding() + "\r\n")
                    + "\r\n"
                    : "POST" + common + "Content-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
        }

        int send(byte[] body) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(target.baseUrl().getHost(), target.baseUrl().getPort()), 5000);
                socket.setSoTimeout(60_000);
                in = new BufferedInputStream(socket.getInputStream(), 65536);
                out = new BufferedOutputStream(socket.getOutputStream(), 8192);
            }
            out.write(head);
            if (body != null) {
                out.write((body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
            }
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = 0;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                     size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else {
                skip(length);
            }
            if (close) {
                close();
            }
            return status;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed by the platform");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        private void skip(long n) throws IOException {
            for (long left = n; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed by the platform");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing after the run: nothing to do
                }
                socket = null;
            }
        }
    }
}

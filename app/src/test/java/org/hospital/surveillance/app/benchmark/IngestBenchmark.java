package org.hospital.surveillance.app.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hospital.surveillance.app.board.PackagedPlatform;
import org.hospital.surveillance.app.support.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HTTP single-fact ingest of the packaged jar against a raw single-row append with its own commit
 * into the same store, side by side in one run (issue 12). Not a test (the name does not end in
 * {@code Test}); run it after packaging:
 * <pre>
 * ./mvnw -B -o -pl app -am package -DskipTests
 * ./mvnw -B -o -pl app -am test -Dtest=IngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dbenchmark.stores=h2,postgres] [-Dbenchmark.seconds=20] [-Dbenchmark.warmup=5] [-Dbenchmark.connections=1,8]
 *     [-Dbenchmark.jfr=true] [-Dbenchmark.jars=/path/to/before.jar,target/infection-surveillance.jar]
 * </pre>
 * Per store: the raw append ({@link RawAppend}, 8 threads, into a fresh H2 file opened as the
 * platform opens it, or a fresh PostgreSQL database), then the jar started on fresh stores of the
 * same kind, and closed-loop lab results ({@link IngestLoad}) at each number of connections.
 * {@code -Dbenchmark.jfr=true} then runs 8 connections once more under a flight recording of the
 * platform, one file per store under {@code target/}.
 */
class IngestBenchmark {

    private final List<String> stores = List.of(System.getProperty("benchmark.stores", "h2,postgres").split(","));
    private final Duration measured = Duration.ofSeconds(Integer.getInteger("benchmark.seconds", 20));
    private final Duration warmUp = Duration.ofSeconds(Integer.getInteger("benchmark.warmup", 5));
    private final List<Integer> connections = java.util.Arrays.stream(
            System.getProperty("benchmark.connections", "1,8").split(",")).map(Integer::valueOf).toList();
    private final boolean jfr = Boolean.getBoolean("benchmark.jfr");
    /** Several builds of the platform, measured one after the other in the same run (before and after a change). */
    private final List<String> jars = List.of(System.getProperty("benchmark.jars", "target/infection-surveillance.jar").split(","));

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES)
    void ingestAgainstRawAppend() throws Exception {
        List<String> table = new ArrayList<>();
        List<String> cpuPerFact = new ArrayList<>();
        table.add(String.format(Locale.ROOT, "%s, %d cores, load average %.1f at start, %d s measured after %d s warm-up",
                Instant.now(), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), measured.toSeconds(), warmUp.toSeconds()));
        table.add("| store | what | concurrency | per s | p50 ms | p99 ms | ingest / raw at 8 |");
        table.add("|---|---|---|---|---|---|---|");
        for (String store : stores) {
            Path dir = Files.createTempDirectory("ingest-benchmark-" + store);
            PostgresDatabase rawDatabase = null;
            try {
                RawAppend.Result raw;
                if (store.equals("h2")) {
                    try (HikariDataSource h2 = RawAppend.h2FileAsTheAppOpensIt(dir.resolve("raw"))) {
                        raw = RawAppend.run(h2, 8, warmUp, measured);
                    }
                } else {
                    rawDatabase = PostgresDatabase.create();
                    try (HikariDataSource postgres = RawAppend.postgres(rawDatabase.url())) {
                        raw = RawAppend.run(postgres, 8, warmUp, measured);
                    }
                }
                table.add(row(store, "raw append, own commit", raw.threads() + " threads", raw.rowsPerSecond(),
                        raw.p50Millis(), raw.p99Millis(), ""));
                for (String jar : jars) {
                    String label = jars.size() > 1 ? store + " (" + Path.of(jar).getFileName() + ")" : store;
                    ingest(jar, store, label, dir.resolve("app-" + jars.indexOf(jar)), raw, table, cpuPerFact);
                }
            } finally {
                if (rawDatabase != null) {
                    rawDatabase.close();
                }
            }
        }
        table.addAll(cpuPerFact);
        System.out.println(String.join(System.lineSeparator(), table));
        Files.write(Path.of("target", "ingest-benchmark.md"), table);
    }

    /** The jar started on fresh stores of the kind {@code store} names, and lab results at each number of connections. */
    private void ingest(String jar, String store, String label, Path dir, RawAppend.Result raw, List<String> table,
                        List<String> cpuPerFact) throws Exception {
        System.setProperty("surveillance.jar", jar);
        PostgresDatabase appDatabase = store.equals("h2") ? null : PostgresDatabase.create();
        Map<String, String> environment = appDatabase == null ? PackagedPlatform.environment()
                : PackagedPlatform.environment("SPRING_DATASOURCE_URL", appDatabase.url(),
                        "SPRING_DATASOURCE_USERNAME", PostgresDatabase.USER, "SPRING_DATASOURCE_PASSWORD", "");
        Files.createDirectories(dir);
        try (PackagedPlatform platform = PackagedPlatform.start(dir, "ingest-benchmark-" + store, environment)) {
            for (int n : connections) {
                long cpuBefore = platformCpuMillis();
                IngestLoad.Result ingest = IngestLoad.closedLoop(
                        IngestLoad.labResults(platform.baseUrl(), "lab1", PackagedPlatform.PASSWORD), n, warmUp, measured);
                long cpu = platformCpuMillis() - cpuBefore;
                System.out.println(label + ": " + ingest);
                cpuPerFact.add(String.format(Locale.ROOT, "%s, %d connections: the platform's process used %.1f ms of CPU"
                        + " per request (warm-up included, %d requests)", label, n,
                        cpu / (double) Math.max(1, ingest.answeredWithWarmUp()), ingest.answeredWithWarmUp()));
                boolean allCreated = ingest.statuses().keySet().stream().allMatch(s -> s == 201) && ingest.failures() == 0;
                table.add(row(label, "HTTP lab results, closed loop", n + " connections", ingest.perSecond(),
                        ingest.p50Millis(), ingest.p99Millis(),
                        n == 8 ? String.format(Locale.ROOT, "%.3f", ingest.perSecond() / raw.rowsPerSecond()) : "")
                        + (allCreated ? "" : " statuses " + ingest.statuses() + ", failures " + ingest.failures()));
            }
            if (jfr) {
                profile(platform, label.replaceAll("[^a-zA-Z0-9.-]+", "-"));
            }
        } finally {
            if (appDatabase != null) {
                appDatabase.close();
            }
        }
    }

    /**
     * One more closed-loop run at 8 connections, on the platform warmed up by the measured ones,
     * with a flight recording ({@code jcmd JFR.start}, settings {@code profile}) of that run only:
     * {@code target/ingest-<store>.jfr}.
     */
    private void profile(PackagedPlatform platform, String store) throws Exception {
        long pid = ProcessHandle.current().children().findFirst().orElseThrow().pid();
        Path recording = Path.of("target", "ingest-" + store + ".jfr").toAbsolutePath();
        jcmd(pid, "JFR.start", "name=ingest", "settings=profile", "filename=" + recording);
        IngestLoad.Result profiled = IngestLoad.closedLoop(
                IngestLoad.labResults(platform.baseUrl(), "lab1", PackagedPlatform.PASSWORD), 8, Duration.ZERO, measured);
        jcmd(pid, "JFR.stop", "name=ingest");
        System.out.println(store + ", profiled: " + profiled + " (" + recording + ")");
    }

    private static void jcmd(long pid, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).inheritIO().start();
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd failed: " + line);
        }
    }

    /**
     * CPU time (user + system) of the platform's process, the child of this JVM, from
     * {@code /proc/<pid>/stat}; 0 where there is no {@code /proc}. CPU per fact holds up on a busy
     * machine better than facts per second does.
     */
    static long platformCpuMillis() {
        return ProcessHandle.current().children().mapToLong(child -> {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(child.pid()), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                return ticks * 10; // USER_HZ is 100 on Linux
            } catch (Exception noProc) {
                return 0;
            }
        }).sum();
    }

    private static String row(String store, String what, String concurrency, double perSecond, double p50, double p99, String ratio) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %.0f | %.1f | %.1f | %s |", store, what, concurrency, perSecond, p50, p99, ratio);
    }
}

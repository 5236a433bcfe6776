package org.hospital.surveillance.app.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.hospital.surveillance.app.board.PackagedPlatform;
import org.hospital.surveillance.app.support.PostgresDatabase;
import org.hospital.surveillance.app.support.TempDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packaged platform killed (SIGKILL) at random moments while writers post facts over HTTP, and
 * started again on the same data, {@value #CYCLES} times on the embedded default and as many with
 * the event store in PostgreSQL. Afterwards every acknowledged fact is in the history exactly once,
 * the alert detector raised an alert for every failing sample and load acknowledged, and every read
 * model answers what a rebuild of the same history answers: the read models' writes were durable
 * before the processors' tokens passed them ({@code app/.../processing/DurableReadModelsFirst}).
 *
 * <p>Without that barrier this test failed (read-model answers differing from a rebuild, an
 * environment alert missing from the board): docs/operations.md, "Durability".
 */
class CrashConsistencyIT {

    private static final Logger log = LoggerFactory.getLogger(CrashConsistencyIT.class);
    private static final int CYCLES = Integer.getInteger("crash.cycles", 10);
    private static final int WRITERS = 6;
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);
    private static final int DAYS = 90;
    private static final List<String> MONTHS = List.of("2026-01", "2026-02", "2026-03");
    private static final List<String> WARDS = List.of("ICU-1", "ICU-2", "SURG-1");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void embeddedDefaultReadModelsEqualARebuildAfterKills() throws Exception {
        Path workDir = Files.createTempDirectory("crash-embedded-");
        try {
            crashCycles("embedded", workDir, PackagedPlatform.environment());
        } finally {
            TempDirs.delete(workDir);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void postgresEventStoreReadModelsEqualARebuildAfterKills() throws Exception {
        Path workDir = Files.createTempDirectory("crash-postgres-");
        try (PostgresDatabase database = PostgresDatabase.create()) {
            crashCycles("postgres", workDir, PackagedPlatform.environment(
                    "SPRING_DATASOURCE_URL", database.url(),
                    "SPRING_DATASOURCE_USERNAME", PostgresDatabase.USER,
                    "SPRING_DATASOURCE_PASSWORD", ""));
        } finally {
            TempDirs.delete(workDir);
        }
    }

    private void crashCycles(String store, Path workDir, Map<String, String> environment) throws Exception {
        Load load = new Load();
        try (PackagedPlatform platform = PackagedPlatform.start(workDir, "crash-" + store + "-platform", environment)) {
            load.target(platform.baseUrl());
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Thread thread = new Thread(() -> load.write(writer), "writer-" + w);
                thread.setDaemon(true);
                thread.start();
                writers.add(thread);
            }
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                int before = load.acknowledged.size();
                // Under load for a random while, at least until a few facts went through this start.
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextLong(800, 4_000));
                Awaitility.await("facts acknowledged after start " + cycle).atMost(Duration.ofMinutes(1))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> System.nanoTime() > until && load.acknowledged.size() > before + 5);
                load.down.set(true);
                platform.kill();
                log.info("{}: killed in cycle {} after {} acknowledged facts", store, cycle, load.acknowledged.size());
                platform.restart();
                load.down.set(false);
            }
            load.stop.set(true);
            for (Thread writer : writers) {
                writer.join(TimeUnit.SECONDS.toMillis(30));
            }

            Api api = new Api(platform.baseUrl(), platform.log());
            api.awaitCaughtUp();
            Map<String, Integer> stored = api.creationEventsByAggregate();
            int lost = 0;
            int twice = 0;
            for (String aggregate : load.acknowledged.keySet()) {
                int count = stored.getOrDefault(aggregate, 0);
                lost += count == 0 ? 1 : 0;
                twice += count > 1 ? 1 : 0;
            }
            int cutOffStored = (int) load.cutOff.stream().filter(a -> !load.acknowledged.containsKey(a) && stored.containsKey(a)).count();

            Set<String> alerted = api.alertSubjects();
            List<String> missingAlerts = load.failing.stream().filter(load.acknowledged::containsKey)
                    .filter(aggregate -> !alerted.contains(aggregate)).toList();

            Map<String, String> live = api.readModels();
            api.rebuildAll();
            api.awaitCaughtUp();
            Map<String, String> rebuilt = api.readModels();
            List<String> differing = live.keySet().stream().filter(k -> !live.get(k).equals(rebuilt.get(k))).toList();

            log.info("{}: {} kill cycles, {} facts acknowledged, {} lost, {} stored twice, {} of {} cut off mid-request"
                            + " stored, {} read-model answers of {} differing from a rebuild, {} alerts missing",
                    store, CYCLES, load.acknowledged.size(), lost, twice, cutOffStored, load.cutOff.size(),
                    differing.size(), live.size(), missingAlerts.size());
            System.out.printf("CRASH %s: cycles=%d acknowledged=%d lost=%d storedTwice=%d readModelsDiffering=%d"
                            + " alertsMissing=%d cutOff=%d cutOffStored=%d%n", store, CYCLES, load.acknowledged.size(),
                    lost, twice, differing.size(), missingAlerts.size(), load.cutOff.size(), cutOffStored);

            assertThat(load.refused).as("posts answered neither 200 nor 201").isEmpty();
            assertThat(load.acknowledged).as("facts acknowledged").hasSizeGreaterThan(CYCLES * 5);
            assertThat(lost).as("acknowledged facts missing from the history").isZero();
            assertThat(twice).as("acknowledged facts stored twice").isZero();
            assertThat(missingAlerts).as("failing samples and loads acknowledged without an alert on the board").isEmpty();
            for (String key : differing) {
                assertThat(live.get(key)).as("%s live vs rebuilt (platform output: %s)", key, platform.log())
                        .isEqualTo(rebuilt.get(key));
            }
        }
    }

    /** The writers: each posts new facts of every stream (and now and then amends a census) until stopped. */
    private static final class Load {

        final Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
        final Set<String> cutOff = ConcurrentHashMap.newKeySet();
        /** Answers other than 200/201: none expected (the posts are valid and no two race for a key). */
        final Set<String> refused = ConcurrentHashMap.newKeySet();
        /** Facts that must raise an alert: samples over their limit, loads that failed. */
        final Set<String> failing = ConcurrentHashMap.newKeySet();
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicInteger sequence = new AtomicInteger();
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private volatile String baseUrl;

        void target(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        void write(int writer) {
            while (!stop.get()) {
                if (down.get()) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                    continue;
                }
                int n = sequence.incrementAndGet();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                String ward = WARDS.get(random.nextInt(WARDS.size()));
                LocalDate day = FIRST_DAY.plusDays(random.nextInt(DAYS));
                // Census days are each writer's own, so no two requests race for one (an amendment is one writer's).
                LocalDate censusDay = FIRST_DAY.plusDays(random.nextInt(DAYS / WRITERS) * WRITERS + writer);
                String at = day + "T" + String.format("%02d", random.nextInt(24)) + ":00:00Z";
                Map<String, Object> body = new LinkedHashMap<>();
                String path;
                String user = "nurse1";
                String aggregate;
                boolean failingFact = false;
                switch (n % 5) {
                    case 0 -> {
                        // A ward's census: new days mostly, an amendment when the day was counted already.
                        path = "/api/ward-census";
                        body.put("wardId", ward);
                        body.put("date", censusDay.toString());
                        body.put("patientsPresent", random.nextInt(5, 30));
                        body.put("admissions", random.nextInt(0, 5));
                        body.put("centralLineDays", random.nextInt(0, 5));
                        body.put("urinaryCatheterDays", random.nextInt(0, 5));
                        body.put("ventilatorDays", random.nextInt(0, 5));
                        aggregate = "ward-census:" + ward + ":" + censusDay;
                    }
                    case 1 -> {
                        path = "/api/lab-results";
                        user = "lab1";
                        String accession = "L-" + writer + "-" + n;
                        body.put("accessionNumber", accession);
                        body.put("patientId", "P-" + random.nextInt(200));
                        body.put("wardId", ward);
                        body.put("admittedAt", day.minusDays(10) + "T08:00:00Z");
                        body.put("specimenType", "BLOOD");
                        body.put("collectedAt", at);
                        body.put("result", "POSITIVE");
                        body.put("organism", "Staphylococcus aureus");
                        body.put("phenotype", "MRSA");
                        aggregate = "lab-result:" + accession;
                    }
                    case 2 -> {
                        path = "/api/environment-samples";
                        String sample = "E-" + writer + "-" + n;
                        double cfu = random.nextInt(0, 7);
                        body.put("sampleId", sample);
                        body.put("wardId", ward);
                        body.put("sampleType", "AIR");
                        body.put("environmentClass", "II");
                        body.put("cfu", cfu);
                        body.put("collectedAt", at);
                        aggregate = "environment-sample:" + sample;
                        failingFact = cfu > 4.0;
                    }
                    case 3 -> {
                        path = "/api/sterilization-loads";
                        String loadId = "S-" + writer + "-" + n;
                        boolean fails = random.nextInt(8) == 0;
                        body.put("loadId", loadId);
                        body.put("sterilizerId", "S" + (1 + random.nextInt(3)));
                        body.put("cycleType", "PREVACUUM_STEAM");
                        body.put("completedAt", at);
                        body.put("bowieDick", fails ? "FAIL" : "PASS");
                        body.put("chemicalIndicator", "PASS");
                        body.put("biologicalIndicator", random.nextBoolean() ? "PASS" : "PENDING");
                        body.put("packs", 30);
                        aggregate = "sterilization-load:" + loadId;
                        failingFact = fails;
                    }
                    default -> {
                        path = "/api/case-reports";
                        String caseId = "C-" + writer + "-" + n;
                        body.put("caseId", caseId);
                        body.put("patientId", "P-" + random.nextInt(200));
                        body.put("wardId", ward);
                        body.put("category", "HAI");
                        body.put("infectionSite", "BSI");
                        body.put("onsetAt", at);
                        body.put("deviceAssociation", "CENTRAL_LINE");
                        aggregate = "case-report:" + caseId;
                    }
                }
                try {
                    HttpResponse<String> response = http.send(request(baseUrl, user, path, body), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 201 || response.statusCode() == 200) {
                        acknowledged.put(aggregate, Boolean.TRUE);
                        if (failingFact) {
                            failing.add(aggregate);
                        }
                    } else {
                        cutOff.add(aggregate);
                        refused.add(path + " " + response.statusCode() + ": " + response.body());
                    }
                } catch (IOException killedMidRequest) {
                    cutOff.add(aggregate);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private static HttpRequest request(String baseUrl, String user, String path, Map<String, Object> body) {
            try {
                return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20))
                        .header("Authorization", basic(user)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PackagedPlatform.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** What the checks read: the history, the read-model answers, the processors' lag. */
    private record Api(String baseUrl, Path platformLog, HttpClient http, AtomicReference<String> lastScrape) {

        private static final Pattern LAG = Pattern.compile("^surveillance_processor_lag_events\\{[^}]*} (\\S+)$", Pattern.MULTILINE);
        private static final Pattern PROCESSOR_LINES = Pattern.compile("^surveillance_processor_.*$", Pattern.MULTILINE);

        Api(String baseUrl, Path platformLog) {
            this(baseUrl, platformLog, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), new AtomicReference<>(""));
        }

        String get(String path, String accept) throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", basic("admin")).header("Accept", accept).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
            return response.body();
        }

        /** Every processor at the head, twice in a row (the detector's alerts are events the board then handles). */
        void awaitCaughtUp() throws IOException {
            try {
                awaitLagZero();
            } catch (ConditionTimeoutException e) {
                // Say which processor stalled and why: the gauges, and what the platform logged as an error.
                List<String> gauges = PROCESSOR_LINES.matcher(lastScrape.get()).results().map(MatchResult::group).toList();
                List<String> errors;
                try (Stream<String> lines = Files.lines(platformLog)) {
                    errors = lines.filter(line -> line.contains(" ERROR ") || line.contains("Exception")).toList();
                }
                throw new AssertionError(e.getMessage() + "\nprocessor gauges:\n" + String.join("\n", gauges)
                        + "\nlast errors in " + platformLog + ":\n"
                        + String.join("\n", errors.subList(Math.max(0, errors.size() - 20), errors.size())), e);
            }
        }

        private void awaitLagZero() {
            AtomicInteger inARow = new AtomicInteger();
            Awaitility.await("every processor caught up").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        String scrape = get("/actuator/prometheus", "text/plain");
                        lastScrape.set(scrape);
                        Matcher lag = LAG.matcher(scrape);
                        int processors = 0;
                        boolean behind = false;
                        while (lag.find()) {
                            processors++;
                            behind |= Double.parseDouble(lag.group(1)) != 0.0;
                        }
                        boolean caughtUp = processors >= 5 && !behind && !get("/api/projections", "application/json").contains("REBUILDING");
                        return caughtUp ? inARow.incrementAndGet() >= 3 : inARow.getAndSet(0) < 0;
                    });
        }

        /** Creation events (sequence 0) per aggregate, from the history export. */
        Map<String, Integer> creationEventsByAggregate() throws Exception {
            Map<String, Integer> counts = new HashMap<>();
            for (String line : get("/api/events", "application/x-ndjson").split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event = JSON.readTree(line);
                if (event.path("sequence").asLong() == 0) {
                    counts.merge(event.path("aggregateId").asText(), 1, Integer::sum);
                }
            }
            return counts;
        }

        /** The facts the board has an alert for: environment samples and sterilization loads. */
        Set<String> alertSubjects() throws Exception {
            Set<String> subjects = ConcurrentHashMap.newKeySet();
            for (JsonNode alert : JSON.readTree(get("/api/alerts", "application/json"))) {
                if (alert.hasNonNull("sampleId")) {
                    subjects.add("environment-sample:" + alert.get("sampleId").asText());
                }
                if (alert.hasNonNull("loadId")) {
                    subjects.add("sterilization-load:" + alert.get("loadId").asText());
                }
            }
            return subjects;
        }

        /** Every read endpoint's answer for every month of the load, and the alert board. */
        Map<String, String> readModels() throws Exception {
            Map<String, String> answers = new LinkedHashMap<>();
            for (String month : MONTHS) {
                for (String endpoint : List.of("/api/rates", "/api/compliance", "/api/sterilization-compliance")) {
                    String path = endpoint + "?month=" + month;
                    answers.put(path, inAnyOrder(get(path, "application/json")));
                }
            }
            answers.put("/api/alerts", inAnyOrder(get("/api/alerts", "application/json")));
            return answers;
        }

        /** An array's elements sorted, so two answers listing the same rows in another order compare equal. */
        private static String inAnyOrder(String array) throws IOException {
            List<String> rows = new ArrayList<>();
            JSON.readTree(array).forEach(row -> rows.add(row.toString()));
            rows.sort(null);
            return rows.toString();
        }

        void rebuildAll() throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/projections/all/rebuild"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", basic("admin"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("rebuild: %s", response.body()).isEqualTo(202);
        }
    }
}

package org.hospital.surveillance.app.processing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.hospital.surveillance.app.eventstore.EventStoreConfiguration.ClaimOwner;
import org.hospital.surveillance.app.support.HospitalFacts;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.TwoInstances;
import org.hospital.surveillance.projection.rebuild.ClaimKeepingTokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances on one PostgreSQL event store and one MongoDB, as production runs them, with
 * segment balancing on (its default on PostgreSQL). The first instance starts alone and claims both
 * segments of every figure projection; once the second is up, each ends with one segment of each,
 * while the alert detector and the board stay whole on one instance. When the second stops, the
 * first takes its segments back, and so it does when the second dies. Facts sent to both instances throughout are projected once each:
 * the figures are the hand-computed ones, and across the two instances each figure segment read
 * every event in the store exactly once.
 */
@Timeout(300)
class SegmentBalancingAcrossInstancesTest {

    private static final List<String> FIGURES = List.of("rates", "environment-compliance", "sterilization-compliance");
    private static final List<String> WHOLE = List.of("alert-detection", "alert-board");
    private static final String WARD = "BAL-1";

    @TempDir
    Path firstDir;
    @TempDir
    Path secondDir;

    @Test
    void twoInstancesShareTheFigureSegmentsAndWhenOneStopsTheOtherTakesThemAllWithoutProjectingAnyEventTwice() {
        shareThenLoseTheSecond((second, store) -> second.close());
    }

    /**
     * A killed instance neither releases its claims nor deletes its heartbeat: here its processors are
     * stopped with their claims kept in the token table (as a rebuild's pause keeps them) and its last
     * heartbeat is put back after its clean exit removed it. The survivor takes the claims once they
     * time out (Axon's 10 s), by which time the heartbeat has expired, so it keeps them.
     */
    @Test
    void whenOneDiesTheOtherTakesItsSegmentsOnceItsClaimsExpireWithoutProjectingAnyEventTwice() {
        shareThenLoseTheSecond((second, store) -> {
            String owner = second.bean(ClaimOwner.class).name();
            ClaimKeepingTokenStore tokens = (ClaimKeepingTokenStore) second.bean(TokenStore.class);
            second.streamingProcessors().forEach(processor -> tokens.keep(processor.getName()));
            second.close();
            store.update("INSERT INTO ProcessingInstance (nodeId, lastSeen) VALUES (?, CURRENT_TIMESTAMP)", owner);
            assertThat(store.queryForObject("SELECT COUNT(*) FROM TokenEntry WHERE owner = ?", Integer.class, owner))
                    .as("claims the dead instance left behind: one segment of each figure projection").isEqualTo(FIGURES.size());
        });
    }

    private void shareThenLoseTheSecond(BiConsumer<Platform, JdbcTemplate> loseTheSecond) {
        try (TwoInstances instances = TwoInstances.sharingReadModels(firstDir, secondDir)) {
            Platform first = instances.first;
            Platform second = instances.second;

            awaitSegments("each instance holds one segment of each figure projection", first, second, 1, 1);
            JdbcTemplate store = new JdbcTemplate(first.bean(DataSource.class));
            for (String processor : FIGURES) {
                assertThat(store.queryForList("SELECT DISTINCT owner FROM TokenEntry WHERE processorName = ?",
                        String.class, processor)).as("owners of %s's claims", processor).hasSize(2);
            }
            for (String processor : WHOLE) {
                assertThat(claimed(first, processor) + claimed(second, processor))
                        .as("%s stays in one segment on one instance", processor).isEqualTo(1);
            }
            assertThat(gauge(first, "surveillance.processing.instances.live", Map.of())).isEqualTo(2.0);
            Awaitility.await("the claimed-segments gauge of each instance shows its one rates segment")
                    .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> gauge(first, "surveillance.processor.claimed.segments", Map.of("processor", "rates")) == 1.0
                            && gauge(second, "surveillance.processor.claimed.segments", Map.of("processor", "rates")) == 1.0);

            HospitalFacts[] via = {new HospitalFacts(first), new HospitalFacts(second)};
            for (int day = 1; day <= 6; day++) {
                HospitalFacts to = via[day % 2];
                to.census(WARD, "2026-03-0" + day, 20 + day, day, 1);
                to.airSample("AIR-BAL-" + day, WARD, day);
                to.sterilizationLoad("LOAD-BAL-" + day, day == 3 ? "FAIL" : "PASS", "PASS");
                if (day <= 4) {
                    via[(day + 1) % 2].haiReport("CASE-BAL-" + day, "P-BAL-" + day, WARD, HospitalFacts.MRSA, "MRSA",
                            "2026-03-0" + day + "T10:00:00Z");
                }
            }
            awaitEveryEventReadByEverySegment(first, second);
            assertFigures(first, 6 * 20 + 21, 21, 4, 6, 4, 6, 5);
            assertFigures(second, 6 * 20 + 21, 21, 4, 6, 4, 6, 5);

            // Counters of the second instance as it stops: it reads nothing more once its processors are down.
            Map<String, Long> readBySecond = eventsRead(second);
            MeterRegistry firstMeters = first.bean(MeterRegistry.class);
            loseTheSecond.accept(second, store);

            awaitSegments("the survivor holds both segments of each figure projection", first, null, 2, 0);
            for (int day = 7; day <= 10; day++) {
                via[0].census(WARD, day < 10 ? "2026-03-0" + day : "2026-03-10", 20 + day, day, 1);
            }
            via[0].airSample("AIR-BAL-7", WARD, 1.0);
            via[0].airSample("AIR-BAL-8", WARD, 9.0);
            via[0].sterilizationLoad("LOAD-BAL-7", "PASS", "PASS");
            via[0].sterilizationLoad("LOAD-BAL-8", "FAIL", "PASS");
            via[0].haiReport("CASE-BAL-5", "P-BAL-5", WARD, HospitalFacts.MRSA, "MRSA", "2026-03-05T10:00:00Z");
            via[0].haiReport("CASE-BAL-6", "P-BAL-6", WARD, HospitalFacts.MRSA, "MRSA", "2026-03-06T10:00:00Z");
            first.awaitQuiet();
            // Patient days 21 + 22 + ... + 30 = 255, admissions 1 + ... + 10 = 55; air samples of 1..6, 1 and 9 CFU
            // against the limit of 4: 5 of 8 compliant; loads 3 and 8 failed: 6 of 8 passed.
            assertFigures(first, 255, 55, 6, 8, 5, 8, 6);
            Awaitility.await("the survivor counts itself alone").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> gauge(first, "surveillance.processing.instances.live", Map.of()) == 1.0);

            long events = first.eventCount();
            Map<String, Long> readByFirst = eventsRead(firstMeters);
            for (String processor : FIGURES) {
                assertThat(readByFirst.get(processor) + readBySecond.get(processor))
                        .as("events %s's two segments read across both instances, against %d in the store", processor, events)
                        .isEqualTo(2 * events);
            }
            for (String processor : WHOLE) {
                assertThat(readByFirst.get(processor) + readBySecond.get(processor))
                        .as("events %s read across both instances", processor).isEqualTo(events);
            }
        }
    }

    private static void assertFigures(Platform instance, int patientDays, int admissions, int haiCases,
                                      int airSamples, int airCompliant, int loads, int loadsPassed) {
        JsonNode rates = get(instance, "/api/rates?month=2026-03&wardId=" + WARD).get(0);
        assertThat(rates.path("patientDays").asInt()).as("patient days").isEqualTo(patientDays);
        assertThat(rates.path("admissions").asInt()).as("admissions").isEqualTo(admissions);
        assertThat(rates.path("haiCases").asInt()).as("HAI cases").isEqualTo(haiCases);
        JsonNode air = get(instance, "/api/compliance?month=2026-03&wardId=" + WARD).get(0);
        assertThat(air.path("samples").asInt()).as("air samples").isEqualTo(airSamples);
        assertThat(air.path("compliant").asInt()).as("compliant air samples").isEqualTo(airCompliant);
        JsonNode sterilizer = get(instance, "/api/sterilization-compliance?month=2026-03").get(0);
        assertThat(sterilizer.path("loads").asInt()).as("loads").isEqualTo(loads);
        assertThat(sterilizer.path("passed").asInt()).as("loads passed").isEqualTo(loadsPassed);
    }

    private static JsonNode get(Platform instance, String uri) {
        JsonNode body = instance.as("epi1").get().uri(uri).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(body).as(uri).hasSize(1);
        return body;
    }

    /** Waits for the figure processors' split; {@code second} null when only the first runs. */
    private static void awaitSegments(String what, Platform first, Platform second, int onFirst, int onSecond) {
        Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> FIGURES.stream().allMatch(p -> claimed(first, p) == onFirst
                        && (second == null ? onSecond == 0 : claimed(second, p) == onSecond)));
    }

    private static int claimed(Platform instance, String processor) {
        return instance.streamingProcessor(processor).processingStatus().size();
    }

    /** Every segment of every processor, on whichever instance holds it, has read up to a head that no longer moves. */
    private static void awaitEveryEventReadByEverySegment(Platform first, Platform second) {
        Awaitility.await("every segment has read the whole store").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    TrackingToken head = first.bean(EventStore.class).createHeadToken();
                    for (StreamingEventProcessor processor : first.streamingProcessors()) {
                        String name = processor.getName();
                        List<EventTrackerStatus> segments = new java.util.ArrayList<>(processor.processingStatus().values());
                        segments.addAll(second.streamingProcessor(name).processingStatus().values());
                        int expected = FIGURES.contains(name) ? 2 : 1;
                        if (segments.size() != expected || !segments.stream().allMatch(s -> s.getTrackingToken() != null
                                && s.getTrackingToken().covers(head))) {
                            return false;
                        }
                    }
                    return head.equals(first.bean(EventStore.class).createHeadToken());
                });
    }

    private static Map<String, Long> eventsRead(Platform instance) {
        return eventsRead(instance.bean(MeterRegistry.class));
    }

    /** Axon's count of events each processor's segments read on one instance, handled or not. */
    private static Map<String, Long> eventsRead(MeterRegistry meters) {
        ToLongFunction<String> read = processor -> Math.round(meters.find("eventProcessor.ingestedCounter")
                .tag("processorName", processor).counters().stream().mapToDouble(Counter::count).sum());
        Map<String, Long> counts = new java.util.HashMap<>();
        FIGURES.forEach(p -> counts.put(p, read.applyAsLong(p)));
        WHOLE.forEach(p -> counts.put(p, read.applyAsLong(p)));
        return counts;
    }

    private static double gauge(Platform instance, String name, Map<String, String> tags) {
        var search = instance.bean(MeterRegistry.class).find(name);
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            search = search.tag(tag.getKey(), tag.getValue());
        }
        return search.gauge().value();
    }
}

package org.hospital.surveillance.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.awaitility.Awaitility;
import org.hospital.surveillance.app.support.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

/**
 * The pipeline metrics of the running platform, read over HTTP from {@code /actuator/prometheus}
 * exactly as Prometheus reads them. Events are appended straight to the real event store (the
 * write API is not needed to move these figures), and a probe projection that the test can hold
 * still makes a processor lag by a known number of events.
 */
class PipelineMetricsTest {

    private static final String LAG_EVENTS = "surveillance_processor_lag_events";
    private static final String LAG_SECONDS = "surveillance_processor_lag_seconds";
    private static final String REPLAY_PROGRESS = "surveillance_processor_replay_progress_ratio";
    private static final String REPLAYING = "surveillance_processor_replaying";
    private static final String ACCEPTED = "surveillance_facts_accepted_total";
    private static final String REJECTED = "surveillance_facts_rejected_total";

    @TempDir
    static Path dataDir;
    static Platform platform;

    @BeforeAll
    static void start() {
        platform = Platform.start(dataDir, LagProbe.PROPERTIES);
    }

    @AfterAll
    static void stop() {
        LagProbe.open();
        platform.close();
    }

    @AfterEach
    void releaseTheProbe() {
        LagProbe.open();
    }

    @Test
    void aCaughtUpProcessorLagsByNothing() {
        append("lab-result:L-CAUGHT-UP", 0, "HTTP", "caught up");
        awaitProbeCaughtUp();
        Scrape scrape = Scrape.of(platform);
        assertThat(scrape.value(LAG_EVENTS, "processor", LagProbe.PROCESSOR)).isZero();
        assertThat(scrape.value(LAG_SECONDS, "processor", LagProbe.PROCESSOR)).isZero();
        assertThat(scrape.value(REPLAY_PROGRESS, "processor", LagProbe.PROCESSOR)).isEqualTo(1.0);
        assertThat(scrape.value(REPLAYING, "processor", LagProbe.PROCESSOR)).isZero();
        assertThat(scrape.value("surveillance_processor_claimed_segments", "processor", LagProbe.PROCESSOR)).isEqualTo(1.0);
        assertThat(scrape.value("surveillance_processor_error_state", "processor", LagProbe.PROCESSOR)).isZero();
    }

    @Test
    void aHeldProcessorLagsByTheEventsAfterItsPositionAndByTheAgeOfTheOldestOfThem() {
        awaitProbeCaughtUp();
        LagProbe.allow(0);
        DomainEventMessage<?> oldest = append("lab-result:L-LAG-1", 0, "HTTP", "held");
        // The probe has the first event in hand and waits: its token stays before that event.
        Awaitility.await("probe holds the first event").atMost(Duration.ofSeconds(30)).until(LagProbe::isWaiting);
        for (int i = 2; i <= 5; i++) {
            append("lab-result:L-LAG-" + i, 0, "HTTP", "held");
        }

        // The age grows while the processor is held: wait until it passed one second, then check it exactly.
        Awaitility.await("lag grows past a second").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Scrape.of(platform).value(LAG_SECONDS, "processor", LagProbe.PROCESSOR) >= 1.0);
        Instant before = Instant.now();
        Scrape scrape = Scrape.of(platform);
        Instant after = Instant.now();

        assertThat(scrape.value(LAG_EVENTS, "processor", LagProbe.PROCESSOR)).isEqualTo(5.0);
        double age = scrape.value(LAG_SECONDS, "processor", LagProbe.PROCESSOR);
        assertThat(age).isBetween(seconds(oldest.getTimestamp(), before) - 0.002,
                seconds(oldest.getTimestamp(), after) + 0.002);

        LagProbe.open();
        awaitProbeCaughtUp();
        Scrape caughtUp = Scrape.of(platform);
        assertThat(caughtUp.value(LAG_EVENTS, "processor", LagProbe.PROCESSOR)).isZero();
        assertThat(caughtUp.value(LAG_SECONDS, "processor", LagProbe.PROCESSOR)).isZero();
    }

    @Test
    void replayProgressIsTheShareOfTheHistoryHandledAgain() {
        append("case-report:C-REPLAY-1", 0, "HTTP", "replayed");
        append("case-report:C-REPLAY-2", 0, "HTTP", "replayed");
        awaitProbeCaughtUp();
        // Every event in this platform's store is a probe event, so the probe handles each of them again.
        long history = platform.eventCount();
        assertThat(history).isGreaterThanOrEqualTo(2);

        LagProbe.allow(2);
        platform.replay(LagProbe.PROCESSOR);
        double expected = 2.0 / history;
        Awaitility.await("replay stops after two events").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> {
                    Scrape scrape = Scrape.of(platform);
                    assertThat(scrape.value(REPLAY_PROGRESS, "processor", LagProbe.PROCESSOR)).isCloseTo(expected, within(1e-9));
                    assertThat(scrape.value(REPLAYING, "processor", LagProbe.PROCESSOR)).isEqualTo(1.0);
                    assertThat(scrape.value(LAG_EVENTS, "processor", LagProbe.PROCESSOR)).isEqualTo(history - 2);
                });

        LagProbe.open();
        Awaitility.await("replay completes").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> {
                    Scrape scrape = Scrape.of(platform);
                    assertThat(scrape.value(REPLAY_PROGRESS, "processor", LagProbe.PROCESSOR)).isEqualTo(1.0);
                    assertThat(scrape.value(REPLAYING, "processor", LagProbe.PROCESSOR)).isZero();
                    assertThat(scrape.value(LAG_EVENTS, "processor", LagProbe.PROCESSOR)).isZero();
                });
    }

    @Test
    void acceptedFactsCountCommittedAppendsByStreamAndChannelAndNeverNameTheFact() {
        Scrape before = Scrape.of(platform);
        append("lab-result:L-ACC-1", 0, "HTTP", "P-SECRET-101");
        append("lab-result:L-ACC-1", 1, "HTTP", "P-SECRET-101");
        append("lab-result:L-ACC-2", 0, "HL7", "P-SECRET-102");
        append("sterilization-load:S1-ACC", 0, "HTTP", "load");
        append("alert:ENV-E-ACC", 0, "SYSTEM", "alert");
        append("something-else:X-1", 0, null, "unknown stream");
        // The same aggregate and sequence again: the store refuses it, the transaction rolls back, nothing counts.
        assertThatThrownBy(() -> append("lab-result:L-ACC-2", 0, "HL7", "P-SECRET-102")).isInstanceOf(Exception.class);

        Scrape after = Scrape.of(platform);
        assertThat(delta(before, after, ACCEPTED, "stream", "lab-result", "event", "ProbeEvent", "channel", "HTTP")).isEqualTo(2);
        assertThat(delta(before, after, ACCEPTED, "stream", "lab-result", "event", "ProbeEvent", "channel", "HL7")).isEqualTo(1);
        assertThat(delta(before, after, ACCEPTED, "stream", "sterilization-load", "event", "ProbeEvent", "channel", "HTTP")).isEqualTo(1);
        assertThat(delta(before, after, ACCEPTED, "stream", "alert", "event", "ProbeEvent", "channel", "SYSTEM")).isEqualTo(1);
        assertThat(delta(before, after, ACCEPTED, "stream", "other", "event", "ProbeEvent", "channel", "other")).isEqualTo(1);
        assertThat(sum(after, ACCEPTED) - sum(before, ACCEPTED)).isEqualTo(6);
        assertThat(after.text()).doesNotContain("P-SECRET", "L-ACC", "S1-ACC", "ENV-E-ACC", "X-1");
    }

    @Test
    void rejectedWritesCountByStreamAndReasonBeforeAndAfterSecurity() {
        Scrape before = Scrape.of(platform);
        platform.anonymous().post().uri("/api/lab-results").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isUnauthorized();
        platform.as("nurse1").post().uri("/api/lab-results").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isForbidden();
        platform.as("lab1").post().uri("/api/environment-samples").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isForbidden();
        platform.anonymous().post().uri("/api/alerts/CLU-0123456789ab/close").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectStatus().isUnauthorized();
        platform.as("lab1").post().uri("/api/case-reports/C-REJ-1/retraction").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectStatus().isForbidden();
        // Not writes: reads and unknown paths are no rejected facts.
        platform.anonymous().get().uri("/api/events").exchange().expectStatus().isUnauthorized();
        platform.anonymous().post().uri("/api/not-a-stream").exchange().expectStatus().isUnauthorized();

        Scrape after = Scrape.of(platform);
        assertThat(delta(before, after, REJECTED, "stream", "lab-result", "reason", "unauthorized")).isEqualTo(1);
        assertThat(delta(before, after, REJECTED, "stream", "lab-result", "reason", "forbidden")).isEqualTo(1);
        assertThat(delta(before, after, REJECTED, "stream", "environment-sample", "reason", "forbidden")).isEqualTo(1);
        assertThat(delta(before, after, REJECTED, "stream", "alert", "reason", "unauthorized")).isEqualTo(1);
        assertThat(delta(before, after, REJECTED, "stream", "case-report", "reason", "forbidden")).isEqualTo(1);
        assertThat(sum(after, REJECTED) - sum(before, REJECTED)).isEqualTo(5);
        // Every stream and reason is there from the start, at zero until it happens.
        assertThat(after.find(REJECTED)).hasSize(FactStreams.ALL.size() * RejectedFacts.REASONS.size());
        assertThat(after.text()).doesNotContain("CLU-0123456789ab", "C-REJ-1");
    }

    @Test
    void aRequestIsTimedAsAWholeWithoutAnObservationOfEachSecurityStep() {
        Scrape before = Scrape.of(platform);
        // Authenticated and authorized, then refused by validation: the whole security chain ran, nothing was recorded.
        platform.as("lab1").post().uri("/api/lab-results").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isBadRequest();

        Scrape after = Scrape.of(platform);
        assertThat(delta(before, after, "http_server_requests_seconds_count",
                "method", "POST", "uri", "/api/lab-results", "status", "400")).isEqualTo(1);
        // Per filter, authentication and authorization timers cost more CPU per request than the cached credential check.
        assertThat(after.text()).doesNotContain("spring_security_");
    }

    private static DomainEventMessage<?> append(String aggregateId, long sequence, String channel, String note) {
        MetaData metaData = channel == null ? MetaData.emptyInstance() : MetaData.with("channel", channel);
        DomainEventMessage<?> event = new GenericDomainEventMessage<>(
                "Probe", aggregateId, sequence, new LagProbe.ProbeEvent(note), metaData);
        EventStore store = platform.bean(EventStore.class);
        DefaultUnitOfWork.startAndGet(event).execute(() -> store.publish(event));
        return event;
    }

    private static void awaitProbeCaughtUp() {
        Awaitility.await("probe catches up").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> Scrape.of(platform).value(LAG_EVENTS, "processor", LagProbe.PROCESSOR) == 0.0);
    }

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.valueOr(0, name, labels);
    }

    private static double sum(Scrape scrape, String name) {
        return scrape.find(name).stream().mapToDouble(Scrape.Sample::value).sum();
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}

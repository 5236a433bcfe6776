package org.hospital.surveillance.app.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each streaming event processor stands against the head of the event store, sampled at
 * most once per {@code maxAge} however many gauges (and scrapers) ask, because each sample asks
 * the database a few questions per processor.
 *
 * <p>Definitions (documented in the README's Deployment section):
 * <ul>
 * <li><b>position</b>: the lowest global index among the segments this instance has claimed (the
 * slowest segment; each segment reads the whole stream), {@code -1} before its first event;
 * <li><b>lag, events</b>: events in the store after that position;
 * <li><b>lag, seconds</b>: how long the oldest of those events has been waiting, i.e. now minus
 * its timestamp; 0 when there are none. It grows by one second per second while a processor is
 * stuck and drops to 0 the moment it catches up, whatever the write rate;
 * <li><b>replay progress</b>: for a segment that is replaying, the events up to its current
 * position over the events up to the position it had when the reset began (the head it has to
 * reach again); the slowest segment counts; 1 when not replaying. A segment is replaying from
 * the reset until its position reaches that reset point.
 * </ul>
 * A processor with no segment claimed on this instance (not started, or all its segments owned by
 * another instance) has unknown figures (NaN): Prometheus then shows no value rather than a
 * false 0, and {@code claimedSegments} says why.
 */
final class ProcessorPositions {

    private static final Logger log = LoggerFactory.getLogger(ProcessorPositions.class);

    /** One processor's figures at one moment. */
    record Sample(int claimedSegments, boolean replaying, boolean errorState,
                  double lagEvents, double lagSeconds, double replayProgress, boolean storeAnswered) {

        static Sample unclaimed() {
            return new Sample(0, false, false, Double.NaN, Double.NaN, Double.NaN, true);
        }

        /** The event store could not be asked: what the processor itself knows, the rest NaN. */
        static Sample unknown(Map<Integer, EventTrackerStatus> status) {
            boolean replaying = status.values().stream().anyMatch(EventTrackerStatus::isReplaying);
            boolean errorState = status.values().stream().anyMatch(EventTrackerStatus::isErrorState);
            return new Sample(status.size(), replaying, errorState, Double.NaN, Double.NaN, Double.NaN, false);
        }
    }

    private final Map<String, StreamingEventProcessor> processors;
    private final EventStoreTable table;
    private final Clock clock;
    private final Duration maxAge;

    private Map<String, Sample> last = Map.of();
    private Instant lastTakenAt = Instant.MIN;

    ProcessorPositions(Collection<StreamingEventProcessor> processors, EventStoreTable table, Clock clock,
                       Duration maxAge) {
        Map<String, StreamingEventProcessor> byName = new LinkedHashMap<>();
        processors.forEach(p -> byName.put(p.getName(), p));
        this.processors = byName;
        this.table = table;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    Collection<String> processorNames() {
        return processors.keySet();
    }

    Sample sample(String processor) {
        return samples().getOrDefault(processor, Sample.unclaimed());
    }

    synchronized Map<String, Sample> samples() {
        Instant now = clock.instant();
        if (lastTakenAt.plus(maxAge).isAfter(now)) {
            return last;
        }
        Map<String, Sample> samples = new LinkedHashMap<>();
        boolean storeAnswers = true;
        for (Map.Entry<String, StreamingEventProcessor> processor : processors.entrySet()) {
            Sample sample = sample(processor.getValue(), now, storeAnswers);
            // Once the store failed to answer, the other processors of this round do not ask it
            // again: a scrape must neither fail nor outlast Prometheus's timeout on these gauges.
            storeAnswers &= sample.storeAnswered();
            samples.put(processor.getKey(), sample);
        }
        last = samples;
        lastTakenAt = now;
        return samples;
    }

    private Sample sample(StreamingEventProcessor processor, Instant now, boolean askStore) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return Sample.unclaimed();
        }
        if (!askStore) {
            return Sample.unknown(status);
        }
        try {
            return sampleFromStore(status, now);
        } catch (RuntimeException e) {
            log.warn("Cannot sample the lag of processor {}: {}", processor.getName(), e.toString());
            return Sample.unknown(status);
        }
    }

    private Sample sampleFromStore(Map<Integer, EventTrackerStatus> status, Instant now) {
        long position = Long.MAX_VALUE;
        boolean replaying = false;
        boolean errorState = false;
        double replayProgress = 1.0;
        for (EventTrackerStatus segment : status.values()) {
            long current = positionOf(segment.getCurrentPosition());
            position = Math.min(position, current);
            errorState |= segment.isErrorState();
            // Axon keeps a ReplayToken (isReplaying) until the first event after the reset point,
            // so a segment that has reached that point counts as done here.
            OptionalLong reset = segment.getResetPosition();
            if (segment.isReplaying() && reset.isPresent() && current < reset.getAsLong()) {
                replaying = true;
                replayProgress = Math.min(replayProgress, replayProgress(current, reset.getAsLong()));
            }
        }
        long lagEvents = table.countAfter(position);
        double lagSeconds = 0;
        if (lagEvents > 0) {
            lagSeconds = table.firstTimestampAfter(position)
                    .map(oldest -> Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0))
                    .orElse(0.0);
        }
        return new Sample(status.size(), replaying, errorState, lagEvents, lagSeconds, replayProgress, true);
    }

    private double replayProgress(long current, long resetPosition) {
        long total = table.countUpTo(resetPosition);
        if (total == 0) {
            return 1.0;
        }
        long done = Math.min(total, table.countUpTo(current));
        return (double) done / total;
    }

    private static long positionOf(OptionalLong position) {
        return position.isPresent() ? position.getAsLong() : -1;
    }
}

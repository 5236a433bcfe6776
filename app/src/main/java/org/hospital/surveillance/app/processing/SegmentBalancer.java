package org.hospital.surveillance.app.processing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.hospital.surveillance.app.processing.FairShare.Gathering;
import org.hospital.surveillance.projection.rebuild.SegmentGathering;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Axon's tracking processors claim every segment they have threads for, so the instance started
 * first takes all of them and the others stand by. Every few seconds this says that the instance is
 * alive ({@link LiveInstances}), counts the live ones, and lets an instance holding more than its
 * fair share ({@link FairShare}) release the excess with Axon's
 * {@link StreamingEventProcessor#releaseSegment(int, long, TimeUnit)}: the processor finishes its
 * batch, stores its token and gives up the claim, and another instance's processor, which looks for
 * unclaimed segments every 5 s, claims it and goes on from that token. Nothing is handled twice:
 * the claim moves only with a committed token.
 *
 * <p>A rebuild on this instance {@linkplain #gather gathers} every segment of its processors here: the
 * request is a row in the event store's database, the other instances' balancers let every segment
 * of those processors go while it stands, and this one claims them ({@link StreamingEventProcessor#claimSegment})
 * and releases none. Once the request is withdrawn the fair share applies again, and the others end
 * the releases they made for it, so they take their share back within a balancing round of the
 * gathering instance letting it go, not after the whole release.
 *
 * <p>Started after Axon's processors and stopped before them (highest phase), so an instance
 * leaves the registry before its processors release their claims at shutdown.
 */
final class SegmentBalancer implements SmartLifecycle, SegmentGathering {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);
    /**
     * How long a rebuild waits for the segments it gathers: a few balancing rounds on each side plus
     * the batch in hand on the instance letting go.
     */
    static final Duration GATHER_WITHIN = Duration.ofSeconds(30);

    private final boolean enabled;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final LiveInstances instances;
    private final FairShare fairShare;
    private final SegmentBalancingProperties settings;
    private final Clock clock;
    private ScheduledExecutorService scheduler;
    private volatile int liveInstances = 1;

    /** @param enabled off: the lifecycle does nothing, and no table is created */
    SegmentBalancer(boolean enabled, EventProcessingConfiguration processing, TokenStore tokenStore, TransactionManager transactions,
                    LiveInstances instances, SegmentBalancingProperties settings, Clock clock) {
        this.enabled = enabled;
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.instances = instances;
        this.settings = settings;
        this.fairShare = new FairShare(settings.instanceExpiry(), settings.releaseFor());
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (!enabled) {
            return;
        }
        instances.createTable();
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "segment-balancing");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::balanceQuietly, 0, settings.every().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
            instances.leave();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Could not leave the instance registry; the others count this instance until it expires: {}",
                    e.toString());
        }
        scheduler = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    /** The live instances as last counted (1 before the first count). */
    int liveInstances() {
        return liveInstances;
    }

    private void balanceQuietly() {
        try {
            balance();
        } catch (RuntimeException e) {
            // The event store may be down for a while: nothing is released meanwhile, which is safe.
            log.warn("Segment balancing skipped a round: {}", e.toString());
        }
    }

    void balance() {
        instances.heartbeat();
        Instant databaseNow = instances.databaseNow();
        Map<String, Instant> lastSeen = instances.lastSeen(databaseNow);
        int live = fairShare.liveInstances(lastSeen, instances.self(), databaseNow);
        liveInstances = live;
        Map<String, Gathering> gathering = fairShare.gathering(instances.gatherings(), lastSeen, instances.self(), databaseNow);
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (!(processor instanceof StreamingEventProcessor streaming) || !streaming.isRunning()) {
                continue;
            }
            Map<Integer, EventTrackerStatus> held = streaming.processingStatus();
            Gathering gathered = gathering.get(streaming.getName());
            if (gathered != null) {
                List<Integer> segments = segmentsOf(streaming);
                if (gathered == Gathering.HERE) {
                    for (int segment : fairShare.toClaimForGathering(streaming.getName(), segments, held.keySet())) {
                        log.debug("Claiming segment {} of processor {} for a rebuild here", segment, streaming.getName());
                        streaming.claimSegment(segment);
                    }
                } else {
                    for (int segment : fairShare.toReleaseForGathering(streaming.getName(), segments, clock.instant())) {
                        if (held.containsKey(segment)) {
                            log.info("Releasing segment {} of processor {}: another instance gathers it for a rebuild",
                                    segment, streaming.getName());
                        }
                        streaming.releaseSegment(segment, fairShare.releaseFor().toMillis(), TimeUnit.MILLISECONDS);
                    }
                }
                continue;
            }
            for (int segment : fairShare.toReclaimAfterGathering(streaming.getName(), clock.instant())) {
                log.debug("Segment {} of processor {} is claimable again: the rebuild that gathered it is over",
                        segment, streaming.getName());
                // Ends the release at once; the claim itself succeeds once the gathering instance lets the segment go.
                streaming.claimSegment(segment);
            }
            // One segment held is never more than a share: no need to ask the token store.
            if (held.size() < 2) {
                continue;
            }
            int segments = segmentsOf(streaming).size();
            List<Integer> release = fairShare.toRelease(streaming.getName(), segments, held.keySet(), live, clock.instant());
            for (int segment : release) {
                log.info("Releasing segment {} of processor {} for {}: {} live instances share its {} segments",
                        segment, streaming.getName(), fairShare.releaseFor(), live, segments);
                streaming.releaseSegment(segment, fairShare.releaseFor().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private List<Integer> segmentsOf(StreamingEventProcessor processor) {
        return Arrays.stream(transactions.fetchInTransaction(() -> tokenStore.fetchSegments(processor.getName())))
                .boxed().toList();
    }

    /**
     * Asks for every segment of the processors until the request is closed, and starts a balancing
     * round at once so that this instance claims what is free without waiting for the next one.
     * With balancing off nothing is asked and nothing is waited for.
     */
    @Override
    public Optional<Request> gather(Collection<String> processors) {
        if (!enabled) {
            return SegmentGathering.NONE.gather(processors);
        }
        Instant liveSince = instances.databaseNow().minus(settings.instanceExpiry());
        List<String> asked = new ArrayList<>();
        for (String processor : processors) {
            if (!instances.gather(processor, liveSince)) {
                asked.forEach(instances::stopGathering);
                return Optional.empty();
            }
            asked.add(processor);
        }
        soon();
        AtomicBoolean withdrawn = new AtomicBoolean();
        return Optional.of(() -> {
            if (withdrawn.compareAndSet(false, true)) {
                asked.forEach(instances::stopGathering);
                soon();
            }
        });
    }

    @Override
    public Duration patience() {
        return enabled ? GATHER_WITHIN : Duration.ZERO;
    }

    private synchronized void soon() {
        if (scheduler != null) {
            scheduler.execute(this::balanceQuietly);
        }
    }
}

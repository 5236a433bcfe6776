package org.hospital.surveillance.app.processing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
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
 * <p>Started after Axon's processors and stopped before them (highest phase), so an instance
 * leaves the registry before its processors release their claims at shutdown.
 */
final class SegmentBalancer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

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
        int live = fairShare.liveInstances(instances.lastSeen(databaseNow), instances.self(), databaseNow);
        liveInstances = live;
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (!(processor instanceof StreamingEventProcessor streaming) || !streaming.isRunning()) {
                continue;
            }
            Map<Integer, EventTrackerStatus> held = streaming.processingStatus();
            // One segment held is never more than a share: no need to ask the token store.
            if (held.size() < 2) {
                continue;
            }
            int segments = transactions.fetchInTransaction(() -> tokenStore.fetchSegments(streaming.getName())).length;
            List<Integer> release = fairShare.toRelease(streaming.getName(), segments, held.keySet(), live, clock.instant());
            for (int segment : release) {
                log.info("Releasing segment {} of processor {} for {}: {} live instances share its {} segments",
                        segment, streaming.getName(), fairShare.releaseFor(), live, segments);
                streaming.releaseSegment(segment, fairShare.releaseFor().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }
}

package org.hospital.surveillance.app.metrics;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * A projection the test can hold still: it handles each {@link ProbeEvent} only when given a
 * permit, so a test makes a processor lag by a known number of events. Deliberately not a
 * {@code @Component}: only the tests that name it in {@code spring.main.sources} run it, so the
 * platform every other test starts is the real one.
 */
@ProcessingGroup(LagProbe.PROCESSOR)
public class LagProbe {

    static final String PROCESSOR = "lag-probe";
    static final String[] PROPERTIES = {
            "spring.main.sources=" + LagProbe.class.getName(),
            "axon.eventhandling.processors." + PROCESSOR + ".mode=tracking",
            "axon.eventhandling.processors." + PROCESSOR + ".batch-size=1",
            "axon.eventhandling.processors." + PROCESSOR + ".thread-count=1",
            "axon.eventhandling.processors." + PROCESSOR + ".initial-segment-count=1",
            // Each scrape samples afresh, so a value read right after a change is the new one.
            "surveillance.metrics.processor-sample-max-age=0s"};

    private static final Semaphore permits = new Semaphore(Integer.MAX_VALUE / 2);
    private static final AtomicInteger waiting = new AtomicInteger();
    static final AtomicInteger handled = new AtomicInteger();

    /** From now on the probe handles exactly {@code events} more events, then waits. */
    static void allow(int events) {
        permits.drainPermits();
        permits.release(events);
    }

    /** The probe handles every event as it comes. */
    static void open() {
        permits.release(Integer.MAX_VALUE / 2 - permits.availablePermits());
    }

    /** True while the probe's handler is waiting for a permit (it has an event in hand). */
    static boolean isWaiting() {
        return waiting.get() > 0;
    }

    @EventHandler
    public void on(ProbeEvent event) throws InterruptedException {
        waiting.incrementAndGet();
        try {
            // Bounded: a test that forgets to open the valve fails on its awaits, it does not hang the build.
            if (!permits.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("lag probe was never released");
            }
        } finally {
            waiting.decrementAndGet();
        }
        handled.incrementAndGet();
    }

    /** A fact the probe counts; {@code note} may carry a value the metrics must never show. */
    public record ProbeEvent(String note) {
    }
}

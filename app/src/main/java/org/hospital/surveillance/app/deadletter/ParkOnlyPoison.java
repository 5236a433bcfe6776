package org.hospital.surveillance.app.deadletter;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.hospital.surveillance.app.outage.StoreOutages;

/**
 * Parks an event only for a failure of the event itself. A store that is down or unreachable is
 * not the fact's fault and would park every fact that arrives meanwhile; such a failure is thrown
 * on instead, so the processor rolls its batch back and retries it with back-off until the store
 * is back (Axon skips, rather than retries, an event its policy does not enqueue). What counts as
 * an outage is decided in one place, {@link StoreOutages}, for this policy and the API alike.
 */
final class ParkOnlyPoison implements EnqueuePolicy<EventMessage<?>> {

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (StoreOutages.isOutage(cause)) {
            throw cause instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("A store is unavailable; the batch is retried", cause);
        }
        return Decisions.enqueue(cause);
    }
}

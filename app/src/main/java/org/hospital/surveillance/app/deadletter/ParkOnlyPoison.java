package org.hospital.surveillance.app.deadletter;

import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoServerUnavailableException;
import java.sql.SQLTransientException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;

/**
 * Parks an event only for a failure of the event itself. A store that is down or unreachable is
 * not the fact's fault and would park every fact that arrives meanwhile; such a failure is thrown
 * on instead, so the processor rolls its batch back and retries it with back-off until the store
 * is back (Axon skips, rather than retries, an event its policy does not enqueue).
 */
final class ParkOnlyPoison implements EnqueuePolicy<EventMessage<?>> {

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (isOutage(cause)) {
            throw cause instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("A store is unavailable; the batch is retried", cause);
        }
        return Decisions.enqueue(cause);
    }

    static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoSocketException || cause instanceof MongoTimeoutException
                    || cause instanceof MongoServerUnavailableException || cause instanceof MongoNotPrimaryException
                    || cause instanceof MongoNodeIsRecoveringException || cause instanceof SQLTransientException
                    || cause instanceof org.springframework.dao.TransientDataAccessException
                    || cause instanceof org.springframework.transaction.CannotCreateTransactionException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}

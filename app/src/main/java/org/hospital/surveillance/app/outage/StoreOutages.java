package org.hospital.surveillance.app.outage;

import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure is a store that is down or unreachable (the event store's database or the
 * read-model MongoDB) rather than something wrong with the request or the fact. Such a failure
 * is retried, never blamed on the data: the API answers 503 with {@code Retry-After}
 * ({@code web/ApiProblemHandler}) and the figure projections retry their batch instead of parking
 * the event ({@code deadletter/ParkOnlyPoison}).
 */
public final class StoreOutages {

    /** SQL state class 08: connection exception (refused, broken mid-statement, lost at commit). */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    /** SQL state class 57P: operator intervention (PostgreSQL shutting down or restarting). */
    private static final String OPERATOR_INTERVENTION = "57P";
    private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

    private StoreOutages() {
    }

    public static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof MongoSocketException || cause instanceof MongoTimeoutException
                    || cause instanceof MongoServerUnavailableException || cause instanceof MongoNotPrimaryException
                    || cause instanceof MongoNodeIsRecoveringException || cause instanceof SQLTransientException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLException sql && (lostConnection(sql.getSQLState()) || closedByThePool(sql))) {
                return true;
            }
        }
        return false;
    }

    /**
     * HikariCP closes a connection it saw break (SQL state 08...) and answers any later use of it,
     * such as the rollback after the failed statement, with a plain "Connection is closed" that
     * carries no SQL state; that exception can be the one the request ends with.
     */
    private static boolean closedByThePool(SQLException failure) {
        return failure.getSQLState() == null && HIKARI_CLOSED_CONNECTION.equals(failure.getMessage());
    }

    private static boolean lostConnection(String sqlState) {
        return sqlState != null && (sqlState.startsWith(CONNECTION_EXCEPTION_CLASS) || sqlState.startsWith(OPERATOR_INTERVENTION));
    }
}

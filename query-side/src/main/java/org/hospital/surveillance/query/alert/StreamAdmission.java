package org.hospital.surveillance.query.alert;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many alert streams are open on this instance, per user and in all, and whether one more may
 * open: a stream holds a connection and a buffer for as long as the client stays, so one account
 * (or a script using it) must not be able to hold a thousand.
 */
final class StreamAdmission {

    /** Why a stream was refused. */
    enum Refusal { USER_AT_BOUND, INSTANCE_AT_BOUND }

    private final int perUser;
    private final int total;
    private final Map<String, Integer> openPerUser = new HashMap<>();
    private int open;

    StreamAdmission(int perUser, int total) {
        this.perUser = perUser;
        this.total = total;
    }

    /** A place for one more stream of this user, released once however often {@link Ticket#release()} is called. */
    synchronized Ticket admit(String user) throws Refused {
        if (open >= total) {
            throw new Refused(Refusal.INSTANCE_AT_BOUND);
        }
        int mine = openPerUser.getOrDefault(user, 0);
        if (mine >= perUser) {
            throw new Refused(Refusal.USER_AT_BOUND);
        }
        openPerUser.put(user, mine + 1);
        open++;
        return new Ticket(user);
    }

    synchronized int open() {
        return open;
    }

    private synchronized void release(String user) {
        open--;
        openPerUser.computeIfPresent(user, (u, n) -> n == 1 ? null : n - 1);
    }

    /** One admitted stream. */
    final class Ticket {
        private final String user;
        private final AtomicBoolean released = new AtomicBoolean();

        private Ticket(String user) {
            this.user = user;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                StreamAdmission.this.release(user);
            }
        }
    }

    /** The bound is reached. */
    static final class Refused extends Exception {
        private final Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.name(), null, false, false);
            this.refusal = refusal;
        }

        Refusal refusal() {
            return refusal;
        }
    }
}

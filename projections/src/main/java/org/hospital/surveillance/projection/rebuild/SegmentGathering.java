package org.hospital.surveillance.projection.rebuild;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * Brings every segment of some processors to this instance for as long as a rebuild needs them: a
 * rebuild pauses the live processor, which it can only do here. With segments balanced between
 * instances, the others let theirs go while the request stands, and the balancer on this instance
 * stops letting any go and claims them.
 */
public interface SegmentGathering {

    /** One instance alone: nothing to ask of anyone, and nothing arrives by waiting. */
    SegmentGathering NONE = new SegmentGathering() {
        @Override
        public Optional<Request> gather(Collection<String> processors) {
            return Optional.of(() -> { });
        }

        @Override
        public Duration patience() {
            return Duration.ZERO;
        }
    };

    /**
     * Asks for every segment of these processors until the request is closed.
     *
     * @return empty if another instance stands on a request for one of them (its own rebuild)
     */
    Optional<Request> gather(Collection<String> processors);

    /** How long segments asked for may take to arrive before the rebuild is refused. */
    Duration patience();

    /** A request standing until closed; closing twice is harmless. */
    interface Request extends AutoCloseable {
        @Override
        void close();
    }
}

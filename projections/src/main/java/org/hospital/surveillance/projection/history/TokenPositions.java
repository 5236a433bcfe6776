package org.hospital.surveillance.projection.history;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

/** What a processor's token says about the history it has handled. */
public final class TokenPositions {

    private TokenPositions() {
    }

    /**
     * The position up to which the token's processor has handled every event, so after which it may
     * still deliver events: its index, or below its lowest gap (an event committing late there comes
     * later); the lower bound of a replay or a merge; -1 for none.
     */
    public static long handledUpTo(TrackingToken token) {
        TrackingToken lower = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (lower instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getGaps().isEmpty() ? gapAware.getIndex() : gapAware.getGaps().first() - 1;
        }
        return lower == null ? -1 : lower.position().orElse(-1);
    }
}

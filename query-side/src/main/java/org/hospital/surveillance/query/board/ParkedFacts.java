package org.hospital.surveillance.query.board;

import java.util.Map;

/**
 * How many facts each figure projection has parked (could not apply), so the board can say its
 * figures are incomplete. Counts only: no fact keys, no patient ids. Implemented where the
 * dead-letter queues live (the app module); without one, nothing is parked.
 */
public interface ParkedFacts {

    /** Projection (processing group) name to the number of facts it parked; projections with none left out. */
    Map<String, Long> parkedByProjection();
}

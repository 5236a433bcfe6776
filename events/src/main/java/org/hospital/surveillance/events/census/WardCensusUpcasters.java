package org.hospital.surveillance.events.census;

import java.util.List;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.hospital.surveillance.events.upcasting.UnwrapRevision1Upcaster;

/**
 * How stored ward census events of older shapes are brought to today's, in the order they must run:
 * <ul>
 * <li>revision 1: the fact wrapped under {@code census};</li>
 * <li>revision 2 (today): the fact's fields flat.</li>
 * </ul>
 */
public final class WardCensusUpcasters {

    private WardCensusUpcasters() {
    }

    public static List<EventUpcaster> inOrder() {
        return List.of(
                new UnwrapRevision1Upcaster(WardCensusRecorded.class, "census"),
                new UnwrapRevision1Upcaster(WardCensusCorrected.class, "census"));
    }
}

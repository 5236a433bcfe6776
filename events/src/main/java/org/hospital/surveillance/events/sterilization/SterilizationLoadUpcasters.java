package org.hospital.surveillance.events.sterilization;

import java.util.List;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.hospital.surveillance.events.upcasting.UnwrapRevision1Upcaster;

/**
 * How stored sterilization load events of older shapes are brought to today's, in the order they must run:
 * <ul>
 * <li>revision 1: the fact wrapped under {@code load};</li>
 * <li>revision 2 (today): the fact's fields flat.</li>
 * </ul>
 */
public final class SterilizationLoadUpcasters {

    private SterilizationLoadUpcasters() {
    }

    public static List<EventUpcaster> inOrder() {
        return List.of(
                new UnwrapRevision1Upcaster(SterilizationLoadRecorded.class, "load"),
                new UnwrapRevision1Upcaster(SterilizationLoadAmended.class, "load"));
    }
}

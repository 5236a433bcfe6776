package org.hospital.surveillance.events.environment;

import java.util.List;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.hospital.surveillance.events.upcasting.UnwrapRevision1Upcaster;

/**
 * How stored environment sample events of older shapes are brought to today's, in the order they must run:
 * <ul>
 * <li>revision 1: the fact wrapped under {@code sample};</li>
 * <li>revision 2 (today): the fact's fields flat.</li>
 * </ul>
 */
public final class EnvironmentSampleUpcasters {

    private EnvironmentSampleUpcasters() {
    }

    public static List<EventUpcaster> inOrder() {
        return List.of(
                new UnwrapRevision1Upcaster(EnvironmentSampleRecorded.class, "sample"),
                new UnwrapRevision1Upcaster(EnvironmentSampleAmended.class, "sample"));
    }
}

package org.hospital.surveillance.events.labresult;

import java.util.List;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.hospital.surveillance.events.upcasting.UnwrapRevision1Upcaster;

/**
 * How stored lab result events of older shapes are brought to today's, in the order they must run:
 * <ul>
 * <li>revision 0 (the first version, LabResultRecorded only): the fact flat, with older field names
 *     ({@link LabResultRecordedRevision0Upcaster});</li>
 * <li>revision 1: the fact wrapped under {@code labResult};</li>
 * <li>revision 2 (today): the fact's fields flat.</li>
 * </ul>
 */
public final class LabResultUpcasters {

    private LabResultUpcasters() {
    }

    public static List<EventUpcaster> inOrder() {
        return List.of(
                new LabResultRecordedRevision0Upcaster(),
                new UnwrapRevision1Upcaster(LabResultRecorded.class, "labResult"),
                new UnwrapRevision1Upcaster(LabResultAmended.class, "labResult"));
    }
}

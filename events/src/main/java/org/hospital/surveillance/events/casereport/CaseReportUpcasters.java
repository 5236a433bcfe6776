package org.hospital.surveillance.events.casereport;

import java.util.List;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.hospital.surveillance.events.upcasting.UnwrapRevision1Upcaster;

/**
 * How stored case report events of older shapes are brought to today's, in the order they must run:
 * <ul>
 * <li>revision 0 (the first version, CaseReported only): the fact flat, with older field names
 *     ({@link CaseReportedRevision0Upcaster});</li>
 * <li>revision 1: the fact wrapped under {@code report};</li>
 * <li>revision 2 (today): the fact's fields flat.</li>
 * </ul>
 */
public final class CaseReportUpcasters {

    private CaseReportUpcasters() {
    }

    public static List<EventUpcaster> inOrder() {
        return List.of(
                new CaseReportedRevision0Upcaster(),
                new UnwrapRevision1Upcaster(CaseReported.class, "report"),
                new UnwrapRevision1Upcaster(CaseReportAmended.class, "report"));
    }
}

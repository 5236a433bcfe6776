package org.hospital.surveillance.events;

import java.util.List;
import java.util.stream.Stream;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.hospital.surveillance.events.casereport.CaseReportUpcasters;
import org.hospital.surveillance.events.census.WardCensusUpcasters;
import org.hospital.surveillance.events.environment.EnvironmentSampleUpcasters;
import org.hospital.surveillance.events.labresult.LabResultUpcasters;
import org.hospital.surveillance.events.sterilization.SterilizationLoadUpcasters;

/**
 * Every upcaster of the stored events, one list per stream, each list in the order its revisions
 * follow one another. The application registers the chain once; Axon applies it to every read of
 * the event store (aggregates and processors) and the history export to every row it reads.
 */
public final class StoredEventUpcasters {

    private StoredEventUpcasters() {
    }

    public static List<EventUpcaster> inOrder() {
        return Stream.of(
                        LabResultUpcasters.inOrder(),
                        CaseReportUpcasters.inOrder(),
                        WardCensusUpcasters.inOrder(),
                        EnvironmentSampleUpcasters.inOrder(),
                        SterilizationLoadUpcasters.inOrder())
                .flatMap(List::stream)
                .toList();
    }

    /** The whole chain as one upcaster. */
    public static EventUpcaster chain() {
        return new EventUpcasterChain(inOrder());
    }
}

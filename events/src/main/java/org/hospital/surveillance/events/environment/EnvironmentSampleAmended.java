package org.hospital.surveillance.events.environment;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A sample re-submitted with changed content; the new version replaces the old one. Flat: the fact's
 * fields themselves, as submitted, nothing derived. Revision 2; older rows are brought forward by
 * {@link EnvironmentSampleUpcasters}.
 */
@Revision("2")
public record EnvironmentSampleAmended(
        String sampleId,
        String wardId,
        SampleType sampleType,
        EnvironmentClass environmentClass,
        HandDisinfection handDisinfection,
        DisinfectantUse disinfectantUse,
        double cfu,
        Instant collectedAt) {
    /** The event that states the whole of a submitted fact. */
    public EnvironmentSampleAmended(EnvironmentSample fact) {
        this(fact.sampleId(), fact.wardId(), fact.sampleType(), fact.environmentClass(), fact.handDisinfection(),
                fact.disinfectantUse(), fact.cfu(), fact.collectedAt());
    }

    /** The fact this event states, as the aggregate and the rules take it. */
    public EnvironmentSample sample() {
        return new EnvironmentSample(sampleId, wardId, sampleType, environmentClass, handDisinfection, disinfectantUse, cfu, collectedAt);
    }
}

package org.hospital.surveillance.projection.compliance;

import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.hospital.surveillance.events.StreamKeys;
import org.hospital.surveillance.events.environment.EnvironmentSample;
import org.hospital.surveillance.projection.support.Bucket;
import org.hospital.surveillance.projection.support.FactPlacer;
import org.hospital.surveillance.projection.support.FactRef;
import org.hospital.surveillance.projection.support.Placement;
import org.hospital.surveillance.projection.support.Transition;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.hospital.surveillance.rules.environment.EnvironmentLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each environment-sample event does to the compliance read model, free of Axon and MongoDB.
 * Bucket {@code {wardId, month}} holds {@code samples.<sampleId>} = {@code {sampleType, cfu, limit,
 * compliant}}; an amendment replaces the entry or moves it to another ward or month.
 *
 * <p>The verdict is taken with the limits in force when the projection runs, as the write API's
 * {@code compliant} is; changed limits apply to the past after a rebuild.
 */
public final class ComplianceLedger {

    static final String SAMPLES = "samples";
    private static final String SAMPLE = "sample";
    private static final Logger log = LoggerFactory.getLogger(ComplianceLedger.class);

    private final FactPlacer placer;
    private final HospitalCalendar calendar;
    private final EnvironmentLimits limits;

    public ComplianceLedger(FactPlacer placer, HospitalCalendar calendar, EnvironmentLimits limits) {
        this.placer = Objects.requireNonNull(placer, "placer");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** A sample, first recorded or amended: its latest version counts. */
    public void sample(EnvironmentSample sample, long sequence) {
        FactRef fact = new FactRef(StreamKeys.environmentSample(sample.sampleId()), SAMPLES, sample.sampleId());
        placer.apply(fact, SAMPLE, sequence,
                state -> placementOf(sample).map(Transition::countsIn).orElseGet(Transition::countsNowhere));
    }

    private Optional<Placement> placementOf(EnvironmentSample sample) {
        double limit;
        try {
            limit = limits.limitFor(sample);
        } catch (IllegalArgumentException | NullPointerException e) {
            // The write API rejects such samples; one that got in anyway has no verdict, so no figure.
            log.warn("Environment sample {} left out of compliance: {}", sample.sampleId(), e.getMessage());
            return Optional.empty();
        }
        Document entry = new Document("sampleType", sample.sampleType().name())
                .append("cfu", sample.cfu())
                .append("limit", limit)
                .append("compliant", limits.isCompliant(sample));
        return Optional.of(new Placement(Bucket.wardMonth(sample.wardId(), calendar.monthOf(sample.collectedAt())), entry));
    }
}

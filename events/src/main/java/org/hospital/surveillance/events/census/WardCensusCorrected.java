package org.hospital.surveillance.events.census;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A later census for the same ward and day; it replaces the earlier one everywhere. Flat: the fact's
 * fields themselves, as submitted, nothing derived. Revision 2; older rows are brought forward by
 * {@link WardCensusUpcasters}.
 */
@Revision("2")
public record WardCensusCorrected(
        String wardId,
        LocalDate date,
        int patientsPresent,
        int admissions,
        int centralLineDays,
        int urinaryCatheterDays,
        int ventilatorDays) {
    /** The event that states the whole of a submitted fact. */
    public WardCensusCorrected(WardCensus fact) {
        this(fact.wardId(), fact.date(), fact.patientsPresent(), fact.admissions(), fact.centralLineDays(),
                fact.urinaryCatheterDays(), fact.ventilatorDays());
    }

    /** The fact this event states, as the aggregate and the rules take it. */
    public WardCensus census() {
        return new WardCensus(wardId, date, patientsPresent, admissions, centralLineDays, urinaryCatheterDays, ventilatorDays);
    }
}

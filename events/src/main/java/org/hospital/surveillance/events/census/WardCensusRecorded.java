package org.hospital.surveillance.events.census;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A ward submitted its census for a calendar day. Flat: the fact's fields themselves, as submitted,
 * nothing derived. Revision 2; older rows are brought forward by {@link WardCensusUpcasters}.
 */
@Revision("2")
public record WardCensusRecorded(
        String wardId,
        LocalDate date,
        int patientsPresent,
        int admissions,
        int centralLineDays,
        int urinaryCatheterDays,
        int ventilatorDays) {
    /** The event that states the whole of a submitted fact. */
    public WardCensusRecorded(WardCensus fact) {
        this(fact.wardId(), fact.date(), fact.patientsPresent(), fact.admissions(), fact.centralLineDays(),
                fact.urinaryCatheterDays(), fact.ventilatorDays());
    }

    /** The fact this event states, as the aggregate and the rules take it. */
    public WardCensus census() {
        return new WardCensus(wardId, date, patientsPresent, admissions, centralLineDays, urinaryCatheterDays, ventilatorDays);
    }
}

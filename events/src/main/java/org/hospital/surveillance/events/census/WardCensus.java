package org.hospital.surveillance.events.census;

import java.time.LocalDate;

/** One ward's census for one calendar day, as the ward submits it. */
public record WardCensus(
        String wardId,
        LocalDate date,
        int patientsPresent,
        int admissions,
        int centralLineDays,
        int urinaryCatheterDays,
        int ventilatorDays) {
}

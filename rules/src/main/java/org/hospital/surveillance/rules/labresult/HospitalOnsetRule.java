package org.hospital.surveillance.rules.labresult;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.hospital.surveillance.events.labresult.LabResult;
import org.hospital.surveillance.rules.HospitalCalendar;

/**
 * Hospital onset (NHSN): a positive culture collected on day 3 of the stay or later, where the
 * admission day is day 1, counted in calendar dates of the hospital zone (not in 48-hour spans).
 */
public final class HospitalOnsetRule {

    /** Day 3 of the stay: collection date minus admission date is at least 2 calendar days. */
    static final int FIRST_HOSPITAL_ONSET_DAY = 3;

    private final HospitalCalendar calendar;

    public HospitalOnsetRule(HospitalCalendar calendar) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    /** The day of stay of a collection: 1 on the admission date; 0 or less if collected before admission. */
    public int dayOfStay(Instant admittedAt, Instant collectedAt) {
        Objects.requireNonNull(admittedAt, "admittedAt");
        Objects.requireNonNull(collectedAt, "collectedAt");
        long days = ChronoUnit.DAYS.between(calendar.dateOf(admittedAt), calendar.dateOf(collectedAt));
        return Math.toIntExact(days + 1);
    }

    /** True for a POSITIVE culture collected on day 3 or later; a NEGATIVE culture is never hospital onset. */
    public boolean isHospitalOnset(LabResult result) {
        return result.positive() && dayOfStay(result.admittedAt(), result.collectedAt()) >= FIRST_HOSPITAL_ONSET_DAY;
    }
}

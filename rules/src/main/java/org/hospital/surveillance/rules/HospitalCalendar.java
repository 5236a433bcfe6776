package org.hospital.surveillance.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The hospital's calendar: onset days, case dates and reporting months are calendar dates where
 * the hospital is, not in UTC (a culture taken at 01:00 local time belongs to that local day).
 */
public record HospitalCalendar(ZoneId zone) {

    public HospitalCalendar {
        Objects.requireNonNull(zone, "zone");
    }

    public static HospitalCalendar utc() {
        return new HospitalCalendar(ZoneOffset.UTC);
    }

    public LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    public YearMonth monthOf(Instant instant) {
        return YearMonth.from(dateOf(instant));
    }

    /** The first instant of the month in the hospital zone. */
    public Instant startOf(YearMonth month) {
        // atStartOfDay(zone), not atTime(MIDNIGHT): it copes with zones whose midnight falls in a DST gap.
        return month.atDay(1).atStartOfDay(zone).toInstant();
    }

    /** The first instant of the next month: the month is {@code [startOf, endOf)}. */
    public Instant endOf(YearMonth month) {
        return startOf(month.plusMonths(1));
    }
}

package org.hospital.surveillance.rules.labresult;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.hospital.surveillance.events.labresult.CultureResult;
import org.hospital.surveillance.events.labresult.LabResult;
import org.hospital.surveillance.events.labresult.SpecimenType;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HospitalOnsetRuleTest {

    private final HospitalOnsetRule utc = new HospitalOnsetRule(HospitalCalendar.utc());

    @ParameterizedTest(name = "admitted {0}, collected {1}: day {2}")
    @CsvSource({
            // the admission day is day 1
            "2026-03-01T08:00:00Z, 2026-03-01T08:00:00Z, 1",
            "2026-03-01T08:00:00Z, 2026-03-01T23:59:59Z, 1",
            "2026-03-01T08:00:00Z, 2026-03-02T10:00:00Z, 2",
            "2026-03-01T08:00:00Z, 2026-03-03T00:00:00Z, 3",
            "2026-03-01T08:00:00Z, 2026-03-05T10:00:00Z, 5",
            // near midnight: calendar days, not 24-hour spans
            "2026-03-01T23:59:59Z, 2026-03-03T00:00:00Z, 3",
            "2026-03-01T00:00:00Z, 2026-03-02T23:59:59Z, 2",
            // across the end of February: 2026 is not a leap year, 2028 is
            "2026-02-27T12:00:00Z, 2026-03-01T12:00:00Z, 3",
            "2028-02-28T12:00:00Z, 2028-02-29T12:00:00Z, 2",
            "2028-02-28T12:00:00Z, 2028-03-01T12:00:00Z, 3",
            // collected before admission (e.g. at an outpatient visit)
            "2026-03-05T10:00:00Z, 2026-03-04T10:00:00Z, 0",
            "2026-03-05T10:00:00Z, 2026-03-01T10:00:00Z, -3"})
    void dayOfStayCountsCalendarDatesWithTheAdmissionDayAsDayOne(Instant admittedAt, Instant collectedAt, int expectedDay) {
        assertThat(utc.dayOfStay(admittedAt, collectedAt)).isEqualTo(expectedDay);
    }

    @Test
    void aPositiveCultureOnDayTwoIsNotHospitalOnset() {
        assertThat(utc.isHospitalOnset(culture(CultureResult.POSITIVE, "2026-03-01T08:00:00Z", "2026-03-02T23:00:00Z"))).isFalse();
    }

    @Test
    void aPositiveCultureOnDayThreeIsHospitalOnsetEvenWithinFortyEightHours() {
        // 16 hours plus one day after admission, but on the third calendar day of the stay.
        assertThat(utc.isHospitalOnset(culture(CultureResult.POSITIVE, "2026-03-01T08:00:00Z", "2026-03-03T00:00:00Z"))).isTrue();
    }

    @Test
    void aPositiveCultureLateInTheStayIsHospitalOnset() {
        assertThat(utc.isHospitalOnset(culture(CultureResult.POSITIVE, "2026-03-01T08:00:00Z", "2026-03-20T08:00:00Z"))).isTrue();
    }

    @Test
    void aNegativeCultureIsNeverHospitalOnset() {
        assertThat(utc.isHospitalOnset(culture(CultureResult.NEGATIVE, "2026-03-01T08:00:00Z", "2026-03-20T08:00:00Z"))).isFalse();
    }

    @Test
    void aCultureCollectedBeforeAdmissionIsNotHospitalOnset() {
        assertThat(utc.isHospitalOnset(culture(CultureResult.POSITIVE, "2026-03-10T08:00:00Z", "2026-03-01T08:00:00Z"))).isFalse();
    }

    @Test
    void inAZoneAheadOfUtcTheLocalDateDecides() {
        // Admitted 16:00 on 1 March Shanghai time; collected 01:00 on 3 March Shanghai time,
        // which is still 2 March in UTC: day 3 locally, day 2 in UTC.
        LabResult result = culture(CultureResult.POSITIVE, "2026-03-01T08:00:00Z", "2026-03-02T17:00:00Z");
        HospitalOnsetRule shanghai = new HospitalOnsetRule(new HospitalCalendar(ZoneId.of("Asia/Shanghai")));

        assertThat(shanghai.dayOfStay(result.admittedAt(), result.collectedAt())).isEqualTo(3);
        assertThat(shanghai.isHospitalOnset(result)).isTrue();
        assertThat(utc.dayOfStay(result.admittedAt(), result.collectedAt())).isEqualTo(2);
        assertThat(utc.isHospitalOnset(result)).isFalse();
    }

    @Test
    void inAZoneBehindUtcTheLocalDateDecides() {
        // New York is UTC-5 in early March 2026: admitted 07:00 on 1 March, collected 22:00 on
        // 2 March local time, which is already 3 March in UTC.
        LabResult result = culture(CultureResult.POSITIVE, "2026-03-01T12:00:00Z", "2026-03-03T03:00:00Z");
        HospitalOnsetRule newYork = new HospitalOnsetRule(new HospitalCalendar(ZoneId.of("America/New_York")));

        assertThat(newYork.dayOfStay(result.admittedAt(), result.collectedAt())).isEqualTo(2);
        assertThat(newYork.isHospitalOnset(result)).isFalse();
        assertThat(utc.isHospitalOnset(result)).isTrue();
    }

    @Test
    void theNightClocksGoForwardStillCountsAsOneDay() {
        // Berlin: admitted 23:30 on 28 March (UTC+1), collected 00:30 on 30 March (UTC+2): day 3.
        HospitalOnsetRule berlin = new HospitalOnsetRule(new HospitalCalendar(ZoneId.of("Europe/Berlin")));

        assertThat(berlin.dayOfStay(Instant.parse("2026-03-28T22:30:00Z"), Instant.parse("2026-03-29T22:30:00Z"))).isEqualTo(3);
        assertThat(utc.dayOfStay(Instant.parse("2026-03-28T22:30:00Z"), Instant.parse("2026-03-29T22:30:00Z"))).isEqualTo(2);
    }

    private static LabResult culture(CultureResult result, String admittedAt, String collectedAt) {
        boolean positive = result == CultureResult.POSITIVE;
        return new LabResult("L-001", "P-101", "ICU-1", Instant.parse(admittedAt), SpecimenType.BLOOD,
                Instant.parse(collectedAt), result, positive ? "Staphylococcus aureus" : null, positive ? "MRSA" : null, null);
    }
}

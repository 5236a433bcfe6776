package org.hospital.surveillance.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class HospitalCalendarTest {

    private static final HospitalCalendar SHANGHAI = new HospitalCalendar(ZoneId.of("Asia/Shanghai"));
    private static final HospitalCalendar BERLIN = new HospitalCalendar(ZoneId.of("Europe/Berlin"));

    @Test
    void utcTakesTheUtcDate() {
        assertThat(HospitalCalendar.utc().dateOf(Instant.parse("2026-03-04T23:59:59Z"))).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(HospitalCalendar.utc().dateOf(Instant.parse("2026-03-05T00:00:00Z"))).isEqualTo(LocalDate.of(2026, 3, 5));
    }

    @Test
    void aCollectionAfterLocalMidnightBelongsToTheNextLocalDayWhileStillTheSameUtcDay() {
        // 17:00Z is 01:00 the next morning in Shanghai (UTC+8).
        Instant instant = Instant.parse("2026-03-04T17:00:00Z");

        assertThat(HospitalCalendar.utc().dateOf(instant)).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(SHANGHAI.dateOf(instant)).isEqualTo(LocalDate.of(2026, 3, 5));
    }

    @Test
    void theMonthIsTheLocalMonth() {
        // 00:30 on 1 April in Shanghai, still 31 March in UTC.
        Instant instant = Instant.parse("2026-03-31T16:30:00Z");

        assertThat(HospitalCalendar.utc().monthOf(instant)).isEqualTo(YearMonth.of(2026, 3));
        assertThat(SHANGHAI.monthOf(instant)).isEqualTo(YearMonth.of(2026, 4));
    }

    @Test
    void aMonthRunsFromLocalMidnightOfItsFirstDayToLocalMidnightOfTheNextMonth() {
        YearMonth march = YearMonth.of(2026, 3);

        assertThat(HospitalCalendar.utc().startOf(march)).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(HospitalCalendar.utc().endOf(march)).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(SHANGHAI.startOf(march)).isEqualTo(Instant.parse("2026-02-28T16:00:00Z"));
        assertThat(SHANGHAI.endOf(march)).isEqualTo(Instant.parse("2026-03-31T16:00:00Z"));
    }

    @Test
    void aMonthSpanningTheSwitchToSummerTimeStartsAndEndsOnDifferentOffsets() {
        // Berlin is UTC+1 on 1 March and UTC+2 from 29 March 2026.
        YearMonth march = YearMonth.of(2026, 3);

        assertThat(BERLIN.startOf(march)).isEqualTo(Instant.parse("2026-02-28T23:00:00Z"));
        assertThat(BERLIN.endOf(march)).isEqualTo(Instant.parse("2026-03-31T22:00:00Z"));
    }

    @Test
    void theEndOfAMonthIsExclusive() {
        Instant end = SHANGHAI.endOf(YearMonth.of(2026, 3));

        assertThat(SHANGHAI.monthOf(end)).isEqualTo(YearMonth.of(2026, 4));
        assertThat(SHANGHAI.monthOf(end.minusNanos(1))).isEqualTo(YearMonth.of(2026, 3));
    }

    @Test
    void decemberEndsAtTheStartOfJanuaryNextYear() {
        assertThat(HospitalCalendar.utc().endOf(YearMonth.of(2026, 12))).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void aZoneIsRequired() {
        assertThatNullPointerException().isThrownBy(() -> new HospitalCalendar(null));
    }
}

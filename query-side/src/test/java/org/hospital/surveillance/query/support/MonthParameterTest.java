package org.hospital.surveillance.query.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebInputException;

class MonthParameterTest {

    @Test
    void aMonthAsYearDashMonthIsThatMonth() {
        assertThat(MonthParameter.parse("2026-03")).isEqualTo(YearMonth.of(2026, 3));
        assertThat(MonthParameter.parse("2026-12")).isEqualTo(YearMonth.of(2026, 12));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void aMissingMonthIsAMissingValueNamedMonth(String blank) {
        for (String value : new String[] {null, blank}) {
            MissingRequestValueException missing = catchThrowableOfType(MissingRequestValueException.class,
                    () -> MonthParameter.parse(value));
            assertThat(missing.getName()).isEqualTo("month");
            assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(missing.getBody().getDetail()).contains("'month'");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-3", "2026-13", "2026-00", "03-2026", "March", "2026-03-01"})
    void aMalformedMonthIsABadRequestNamingMonth(String malformed) {
        ServerWebInputException bad = catchThrowableOfType(ServerWebInputException.class, () -> MonthParameter.parse(malformed));

        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getReason()).startsWith("month ");
        assertThat(bad.getCause()).isInstanceOfSatisfying(TypeMismatchException.class,
                mismatch -> assertThat(mismatch.getPropertyName()).isEqualTo("month"));
    }
}

package org.hospital.surveillance.rules.rates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateArithmeticTest {

    @ParameterizedTest(name = "{0}/{1} x 1000 = {2}")
    @CsvSource({
            "2, 420, 4.762",     // 4.76190... : incidence density, 2 cases in 420 patient-days
            "1, 150, 6.667",     // 6.66666... : a central-line rate, 1 case in 150 device-days
            "1, 3, 333.333",     // 333.3333... rounds down
            "2, 3, 666.667",     // 666.6666... rounds up
            "1, 16000, 0.063",   // 0.0625 exactly: half-up, where half-even would give 0.062
            "2009, 2000000, 1.005", // 1.0045 exactly, but 1.00449999... as a double
            "0, 420, 0.0",
            "3, 2, 1500.0"})
    void per1000RoundsHalfUpToThreeDecimals(long numerator, long denominator, double expected) {
        assertThat(RateArithmetic.per1000(numerator, denominator)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}/{1} x 100 = {2}")
    @CsvSource({
            "2, 35, 5.714",      // 5.714285... : cumulative incidence, 2 cases in 35 admissions
            "4, 5, 80.0",        // environmental compliance, 4 of 5 samples
            "3, 4, 75.0",        // sterilization compliance, 3 of 4 loads
            "49, 50, 98.0",
            "1, 1600, 0.063",    // 0.0625 exactly: half-up
            "1, 3200, 0.031",    // 0.03125 is below the half
            "323, 8000, 4.038",  // 4.0375 exactly; Math.round on doubles gives 4.037
            "1, 1, 100.0",
            "0, 35, 0.0"})
    void percentRoundsHalfUpToThreeDecimals(long numerator, long denominator, double expected) {
        assertThat(RateArithmetic.percent(numerator, denominator)).isEqualTo(expected);
    }

    @Test
    void aZeroDenominatorGivesNoRate() {
        assertThat(RateArithmetic.per1000(2, 0)).isNull();
        assertThat(RateArithmetic.per1000(0, 0)).isNull();
        assertThat(RateArithmetic.percent(1, 0)).isNull();
        assertThat(RateArithmetic.percent(0, 0)).isNull();
    }

    @Test
    void negativeCountsAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> RateArithmetic.per1000(-1, 10));
        assertThatIllegalArgumentException().isThrownBy(() -> RateArithmetic.percent(1, -10));
    }

    @Test
    void aRateExactlyAtItsTargetMeetsIt() {
        assertThat(RateArithmetic.met(98.0, 98.0)).isTrue();
        assertThat(RateArithmetic.met(100.0, 100.0)).isTrue();
    }

    @Test
    void aRateJustBelowItsTargetDoesNotMeetIt() {
        assertThat(RateArithmetic.met(97.999, 98.0)).isFalse();
        assertThat(RateArithmetic.met(99.999, 100.0)).isFalse();
        assertThat(RateArithmetic.met(80.0, 98.0)).isFalse();
    }

    @Test
    void noRateMeansNoVerdict() {
        assertThat(RateArithmetic.met(null, 98.0)).isNull();
    }

    @Test
    void metIsJudgedOnTheRoundedRate() {
        // 195999/200000 = 97.9995 %, shown as 98.000 %, so the dashboard shows the target met.
        Double rate = RateArithmetic.percent(195_999, 200_000);

        assertThat(rate).isEqualTo(98.0);
        assertThat(RateArithmetic.met(rate, 98.0)).isTrue();
        assertThat(RateArithmetic.met(RateArithmetic.percent(48, 50), 98.0)).isFalse();
    }

    @Test
    void theHaiIncidenceTargetDefaultsToBelowEightPercent() {
        assertThat(RateTargets.defaults().haiIncidencePercentBelow()).isEqualTo(8.0);
        assertThatIllegalArgumentException().isThrownBy(() -> new RateTargets(-0.5));
    }
}

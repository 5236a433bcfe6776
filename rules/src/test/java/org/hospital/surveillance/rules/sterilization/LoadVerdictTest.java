package org.hospital.surveillance.rules.sterilization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hospital.surveillance.events.sterilization.BiologicalIndicatorResult.PENDING;
import static org.hospital.surveillance.events.sterilization.BowieDickResult.NOT_DONE;
import static org.hospital.surveillance.events.sterilization.CycleType.PREVACUUM_STEAM;
import static org.hospital.surveillance.events.sterilization.IndicatorResult.FAIL;
import static org.hospital.surveillance.events.sterilization.IndicatorResult.PASS;

import java.time.Instant;
import java.util.List;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorResult;
import org.hospital.surveillance.events.sterilization.BowieDickResult;
import org.hospital.surveillance.events.sterilization.CycleType;
import org.hospital.surveillance.events.sterilization.IndicatorResult;
import org.hospital.surveillance.events.sterilization.SterilizationLoad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class LoadVerdictTest {

    private static final IndicatorResult NO_LATE_READING = null;

    @ParameterizedTest(name = "{0}: BD {1}, CI {2}, BI {3}, late BI {4} -> {5} {6}")
    @CsvSource({
            "every indicator passed,             PREVACUUM_STEAM, PASS,     PASS, PASS,    ,     PASSED,  ''",
            "Bowie-Dick skipped on pre-vacuum,   PREVACUUM_STEAM, NOT_DONE, PASS, PASS,    ,     FAILED,  BOWIE_DICK",
            "Bowie-Dick absent on pre-vacuum,    PREVACUUM_STEAM,         , PASS, PASS,    ,     FAILED,  BOWIE_DICK",
            "Bowie-Dick absent on plasma,        LOW_TEMP_PLASMA,         , PASS, PASS,    ,     PASSED,  ''",
            "chemical indicator failed,          PREVACUUM_STEAM, PASS,     FAIL, PASS,    ,     FAILED,  CHEMICAL_INDICATOR",
            "biological indicator failed,        PREVACUUM_STEAM, PASS,     PASS, FAIL,    ,     FAILED,  BIOLOGICAL_INDICATOR",
            "biological still incubating,        PREVACUUM_STEAM, PASS,     PASS, PENDING, ,     PENDING, ''",
            // the recall cannot wait for the incubation: the load has already failed
            "failure outweighs pending,          PREVACUUM_STEAM, PASS,     FAIL, PENDING, ,     FAILED,  CHEMICAL_INDICATOR",
            "late PASS replaces PENDING,         PREVACUUM_STEAM, PASS,     PASS, PENDING, PASS, PASSED,  ''",
            "late FAIL replaces PENDING,         PREVACUUM_STEAM, PASS,     PASS, PENDING, FAIL, FAILED,  BIOLOGICAL_INDICATOR",
            "late FAIL after a recorded PASS,    PREVACUUM_STEAM, PASS,     PASS, PASS,    FAIL, FAILED,  BIOLOGICAL_INDICATOR",
            // items recalled on a failed indicator do not come back on a second reading
            "late PASS after a recorded FAIL,    PREVACUUM_STEAM, PASS,     PASS, FAIL,    PASS, FAILED,  BIOLOGICAL_INDICATOR"})
    void verdict(String situation, CycleType cycleType, BowieDickResult bowieDick, IndicatorResult chemical,
            BiologicalIndicatorResult biological, IndicatorResult lateReading, LoadStatus expectedStatus, String expectedFailed) {
        LoadVerdict verdict = LoadVerdict.of(load(cycleType, bowieDick, chemical, biological), lateReading);

        assertThat(verdict).isEqualTo(new LoadVerdict(expectedStatus,
                expectedFailed.isEmpty() ? List.of() : List.of(expectedFailed)));
    }

    @ParameterizedTest
    @EnumSource(value = CycleType.class, names = "PREVACUUM_STEAM", mode = EnumSource.Mode.EXCLUDE)
    void skippingBowieDickDoesNotFailOtherCycleTypes(CycleType cycleType) {
        LoadVerdict verdict = LoadVerdict.of(load(cycleType, NOT_DONE, PASS, BiologicalIndicatorResult.PASS), NO_LATE_READING);

        assertThat(verdict).isEqualTo(new LoadVerdict(LoadStatus.PASSED, List.of()));
    }

    @ParameterizedTest
    @EnumSource(CycleType.class)
    void aFailedBowieDickFailsAnyCycleType(CycleType cycleType) {
        LoadVerdict verdict = LoadVerdict.of(load(cycleType, BowieDickResult.FAIL, PASS, BiologicalIndicatorResult.PASS), NO_LATE_READING);

        assertThat(verdict).isEqualTo(new LoadVerdict(LoadStatus.FAILED, List.of("BOWIE_DICK")));
    }

    @Test
    void severalFailuresAreListedBowieDickThenChemicalThenBiological() {
        assertThat(LoadVerdict.of(load(PREVACUUM_STEAM, BowieDickResult.FAIL, FAIL, BiologicalIndicatorResult.FAIL),
                NO_LATE_READING).failedIndicators())
                .containsExactly("BOWIE_DICK", "CHEMICAL_INDICATOR", "BIOLOGICAL_INDICATOR");
        assertThat(LoadVerdict.of(load(PREVACUUM_STEAM, NOT_DONE, PASS, PENDING), FAIL).failedIndicators())
                .containsExactly("BOWIE_DICK", "BIOLOGICAL_INDICATOR");
        assertThat(LoadVerdict.of(load(CycleType.GRAVITY_STEAM, NOT_DONE, FAIL, PENDING), FAIL).failedIndicators())
                .containsExactly("CHEMICAL_INDICATOR", "BIOLOGICAL_INDICATOR");
    }

    @Test
    void theIndicatorNamesAreTheAgreedStrings() {
        assertThat(List.of(LoadVerdict.BOWIE_DICK, LoadVerdict.CHEMICAL_INDICATOR, LoadVerdict.BIOLOGICAL_INDICATOR))
                .containsExactly("BOWIE_DICK", "CHEMICAL_INDICATOR", "BIOLOGICAL_INDICATOR");
    }

    @Test
    void onlyAFailedVerdictNamesFailedIndicators() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LoadVerdict(LoadStatus.FAILED, List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new LoadVerdict(LoadStatus.PASSED, List.of("BOWIE_DICK")));
        assertThatIllegalArgumentException().isThrownBy(() -> new LoadVerdict(LoadStatus.PENDING, List.of("CHEMICAL_INDICATOR")));
    }

    @Test
    void theFailedIndicatorsCannotBeChangedAfterwards() {
        LoadVerdict verdict = LoadVerdict.of(load(PREVACUUM_STEAM, BowieDickResult.FAIL, PASS, PENDING), NO_LATE_READING);

        assertThatThrownBy(() -> verdict.failedIndicators().add("CHEMICAL_INDICATOR"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theTargetDefaultsToEveryLoadPassing() {
        assertThat(SterilizationTarget.defaults().percent()).isEqualTo(100.0);
        assertThatIllegalArgumentException().isThrownBy(() -> new SterilizationTarget(101));
        assertThatIllegalArgumentException().isThrownBy(() -> new SterilizationTarget(-1));
    }

    private static SterilizationLoad load(CycleType cycleType, BowieDickResult bowieDick, IndicatorResult chemical,
            BiologicalIndicatorResult biological) {
        return new SterilizationLoad("S1-001", "S1", cycleType, Instant.parse("2026-03-02T07:00:00Z"),
                bowieDick, chemical, biological, 40);
    }
}

package org.hospital.surveillance.command.sterilization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.surveillance.command.intake.SubmissionReading.json;

import java.time.Instant;
import org.hospital.surveillance.command.intake.FieldProblem;
import org.hospital.surveillance.command.intake.SubmissionReading;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorResult;
import org.hospital.surveillance.events.sterilization.BowieDickResult;
import org.hospital.surveillance.events.sterilization.CycleType;
import org.hospital.surveillance.events.sterilization.IndicatorResult;
import org.hospital.surveillance.events.sterilization.SterilizationLoad;
import org.junit.jupiter.api.Test;

class SterilizationSubmissionTest {
    private static final String LOAD = json("{'loadId':'S1-001','sterilizerId':'S1','cycleType':'PREVACUUM_STEAM',"
            + "'completedAt':'2026-03-02T07:00:00Z','bowieDick':'PASS','chemicalIndicator':'PASS',"
            + "'biologicalIndicator':'PENDING','packs':40}");

    private final SubmissionReading reading = SubmissionReading.atNoon();

    @Test
    void aLoadBecomesTheFact() {
        assertThat(reading.valid(LOAD, SterilizationLoadSubmission.class).toFact()).isEqualTo(new SterilizationLoad(
                "S1-001", "S1", CycleType.PREVACUUM_STEAM, Instant.parse("2026-03-02T07:00:00Z"), BowieDickResult.PASS,
                IndicatorResult.PASS, BiologicalIndicatorResult.PENDING, 40));
    }

    @Test
    void anEmptyLoadNamesEveryField() {
        assertThat(reading.problems("{}", SterilizationLoadSubmission.class)).extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("loadId", "sterilizerId", "cycleType", "completedAt", "bowieDick",
                        "chemicalIndicator", "biologicalIndicator", "packs");
    }

    @Test
    void packsAreANonNegativeWholeNumber() {
        assertThat(reading.problems(LOAD.replace("40", "-1"), SterilizationLoadSubmission.class))
                .containsExactly(new FieldProblem("packs", "must be greater than or equal to 0"));
        assertThat(reading.problems(LOAD.replace("40", "0"), SterilizationLoadSubmission.class)).isEmpty();
        assertThat(reading.problems(LOAD.replace("40", "4.5"), SterilizationLoadSubmission.class))
                .containsExactly(new FieldProblem("packs", "must be a whole number"));
    }

    @Test
    void indicatorValuesAreCheckedAgainstTheirLists() {
        String body = LOAD.replace("\"bowieDick\":\"PASS\"", "\"bowieDick\":\"SKIPPED\"")
                .replace("\"chemicalIndicator\":\"PASS\"", "\"chemicalIndicator\":\"PENDING\"")
                .replace("PREVACUUM_STEAM", "DRY_HEAT");

        assertThat(reading.problems(body, SterilizationLoadSubmission.class)).containsExactlyInAnyOrder(
                new FieldProblem("cycleType", "must be one of [PREVACUUM_STEAM, GRAVITY_STEAM, LOW_TEMP_PLASMA, ETHYLENE_OXIDE]"),
                new FieldProblem("bowieDick", "must be one of [PASS, FAIL, NOT_DONE]"),
                new FieldProblem("chemicalIndicator", "must be one of [PASS, FAIL]"));
    }

    @Test
    void aCycleCannotCompleteInTheFuture() {
        assertThat(reading.problems(LOAD.replace("2026-03-02T07:00:00Z", "2026-03-10T13:00:00Z"),
                SterilizationLoadSubmission.class)).extracting(FieldProblem::field).containsExactly("completedAt");
    }

    @Test
    void aBiologicalReadingIsPassOrFailAtAPastTime() {
        assertThat(reading.valid(json("{'result':'FAIL','readAt':'2026-03-03T07:00:00Z'}"),
                BiologicalReadingSubmission.class).toCommand("S1-001"))
                .isEqualTo(new RecordBiologicalReading("S1-001", IndicatorResult.FAIL, Instant.parse("2026-03-03T07:00:00Z")));
        assertThat(reading.problems(json("{'result':'PENDING','readAt':'2026-03-11T07:00:00Z'}"),
                BiologicalReadingSubmission.class)).containsExactlyInAnyOrder(
                new FieldProblem("result", "must be one of [PASS, FAIL]"),
                new FieldProblem("readAt", "must not be in the future (it is 2026-03-10T12:00:00Z now)"));
        assertThat(reading.problems("{}", BiologicalReadingSubmission.class)).extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("result", "readAt");
    }
}

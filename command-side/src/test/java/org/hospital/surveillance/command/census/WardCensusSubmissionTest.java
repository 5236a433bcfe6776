package org.hospital.surveillance.command.census;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.surveillance.command.intake.SubmissionReading.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.hospital.surveillance.command.intake.FieldProblem;
import org.hospital.surveillance.command.intake.SubmissionReading;
import org.hospital.surveillance.events.census.WardCensus;
import org.junit.jupiter.api.Test;

class WardCensusSubmissionTest {
    private static final String KEY_MESSAGE =
            "must be a non-blank identifier of at most 100 characters, without control characters or surrounding spaces";

    private final SubmissionReading reading = SubmissionReading.atNoon();

    @Test
    void aCompleteCensusBecomesTheFact() {
        WardCensusSubmission census = reading.valid(body("ICU-1", "2026-03-01", 18, 2, 6, 8, 4), WardCensusSubmission.class);

        assertThat(census.toFact()).isEqualTo(new WardCensus("ICU-1", LocalDate.of(2026, 3, 1), 18, 2, 6, 8, 4));
    }

    @Test
    void anEmptyBodyNamesEveryRequiredField() {
        assertThat(reading.problems("{}", WardCensusSubmission.class)).containsExactlyInAnyOrder(
                new FieldProblem("wardId", KEY_MESSAGE),
                new FieldProblem("date", "must not be null"),
                new FieldProblem("patientsPresent", "must not be null"),
                new FieldProblem("admissions", "must not be null"),
                new FieldProblem("centralLineDays", "must not be null"),
                new FieldProblem("urinaryCatheterDays", "must not be null"),
                new FieldProblem("ventilatorDays", "must not be null"));
    }

    @Test
    void negativeCountsAreNamedEachOnce() {
        assertThat(reading.problems(body("ICU-1", "2026-03-01", -1, -1, 0, 0, -1), WardCensusSubmission.class))
                .containsExactlyInAnyOrder(
                        new FieldProblem("patientsPresent", "must be greater than or equal to 0"),
                        new FieldProblem("admissions", "must be greater than or equal to 0"),
                        new FieldProblem("ventilatorDays", "must be greater than or equal to 0"));
    }

    @Test
    void deviceDaysCannotExceedThePatientsPresent() {
        assertThat(reading.problems(body("ICU-1", "2026-03-01", 18, 2, 19, 18, 25), WardCensusSubmission.class))
                .containsExactlyInAnyOrder(
                        new FieldProblem("centralLineDays", "must not exceed patientsPresent (18)"),
                        new FieldProblem("ventilatorDays", "must not exceed patientsPresent (18)"));
    }

    @Test
    void admissionsMayExceedThePatientsPresentAtCensusTime() {
        assertThat(reading.problems(body("ICU-1", "2026-03-01", 3, 5, 3, 3, 3), WardCensusSubmission.class)).isEmpty();
    }

    @Test
    void wrongTypesAreAllNamedAtOnceAndNotCoerced() {
        String body = json("{'wardId':12,'date':'01/03/2026','patientsPresent':'18','admissions':2.5,"
                + "'centralLineDays':true,'urinaryCatheterDays':8,'ventilatorDays':4}");

        assertThat(reading.problems(body, WardCensusSubmission.class)).containsExactlyInAnyOrder(
                new FieldProblem("wardId", "must be a string"),
                new FieldProblem("date", "must be a date YYYY-MM-DD"),
                new FieldProblem("patientsPresent", "must be a whole number"),
                new FieldProblem("admissions", "must be a whole number"),
                new FieldProblem("centralLineDays", "must be a whole number"));
    }

    @Test
    void todayIsAcceptedAndTomorrowIsInTheFuture() {
        assertThat(reading.problems(body("ICU-1", "2026-03-10", 18, 2, 6, 8, 4), WardCensusSubmission.class)).isEmpty();
        assertThat(reading.problems(body("ICU-1", "2026-03-11", 18, 2, 6, 8, 4), WardCensusSubmission.class))
                .containsExactly(new FieldProblem("date", "must not be in the future (it is 2026-03-10 in the hospital now)"));
    }

    @Test
    void theDayIsTakenInTheHospitalsTimeZone() {
        // 18:00 UTC on the 10th is 02:00 on the 11th in Shanghai
        Instant evening = Instant.parse("2026-03-10T18:00:00Z");
        String eleventh = body("ICU-1", "2026-03-11", 18, 2, 6, 8, 4);

        assertThat(SubmissionReading.at(evening, ZoneId.of("Asia/Shanghai")).problems(eleventh, WardCensusSubmission.class))
                .isEmpty();
        assertThat(SubmissionReading.at(evening, ZoneOffset.UTC).problems(eleventh, WardCensusSubmission.class))
                .extracting(FieldProblem::field).containsExactly("date");
    }

    @Test
    void aDayStartingWithinFiveMinutesIsAcceptedForClockDrift() {
        String eleventh = body("ICU-1", "2026-03-11", 18, 2, 6, 8, 4);

        assertThat(SubmissionReading.at(Instant.parse("2026-03-10T23:55:00Z"), ZoneOffset.UTC)
                .problems(eleventh, WardCensusSubmission.class)).isEmpty();
        assertThat(SubmissionReading.at(Instant.parse("2026-03-10T23:54:59Z"), ZoneOffset.UTC)
                .problems(eleventh, WardCensusSubmission.class)).extracting(FieldProblem::field).containsExactly("date");
    }

    @Test
    void aWardIdMustBeAUsableKey() {
        assertThat(reading.problems(body("  ", "2026-03-01", 18, 2, 6, 8, 4), WardCensusSubmission.class))
                .containsExactly(new FieldProblem("wardId", KEY_MESSAGE));
        assertThat(reading.problems(body(" ICU-1", "2026-03-01", 18, 2, 6, 8, 4), WardCensusSubmission.class))
                .containsExactly(new FieldProblem("wardId", KEY_MESSAGE));
        assertThat(reading.problems(body("ICU\\t1", "2026-03-01", 18, 2, 6, 8, 4), WardCensusSubmission.class))
                .containsExactly(new FieldProblem("wardId", KEY_MESSAGE));
        assertThat(reading.problems(body("I".repeat(101), "2026-03-01", 18, 2, 6, 8, 4), WardCensusSubmission.class))
                .containsExactly(new FieldProblem("wardId", KEY_MESSAGE));
        assertThat(reading.problems(body("I".repeat(100), "2026-03-01", 18, 2, 6, 8, 4), WardCensusSubmission.class))
                .isEmpty();
        assertThat(reading.problems(body("重症监护 1", "2026-03-01", 18, 2, 6, 8, 4), WardCensusSubmission.class))
                .isEmpty();
    }

    @Test
    void aBodyThatIsNotAnObjectIsNamedAsTheBody() {
        assertThat(reading.problems("[]", WardCensusSubmission.class))
                .containsExactly(new FieldProblem("body", "must be a JSON object"));
    }

    private static String body(String wardId, String date, int patients, int admissions, int centralLine, int catheter,
            int ventilator) {
        return json("{'wardId':'%s','date':'%s','patientsPresent':%d,'admissions':%d,'centralLineDays':%d,"
                + "'urinaryCatheterDays':%d,'ventilatorDays':%d}")
                .formatted(wardId, date, patients, admissions, centralLine, catheter, ventilator);
    }
}

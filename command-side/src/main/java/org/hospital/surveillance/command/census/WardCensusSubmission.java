package org.hospital.surveillance.command.census;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.LocalDate;
import org.hospital.surveillance.command.intake.Checks;
import org.hospital.surveillance.command.intake.FactKey;
import org.hospital.surveillance.command.intake.NotInFuture;
import org.hospital.surveillance.command.intake.CrossFieldRules;
import org.hospital.surveillance.events.census.WardCensus;

/** Body of {@code POST /api/ward-census}. Every count is required: a missing count is not a zero. */
@CrossFieldRules.Checked
public record WardCensusSubmission(
        @FactKey String wardId,
        @NotNull @NotInFuture LocalDate date,
        @NotNull @PositiveOrZero Integer patientsPresent,
        @NotNull @PositiveOrZero Integer admissions,
        @NotNull @PositiveOrZero Integer centralLineDays,
        @NotNull @PositiveOrZero Integer urinaryCatheterDays,
        @NotNull @PositiveOrZero Integer ventilatorDays) implements CrossFieldRules {

    /**
     * A device-day is a patient with the device on that day, so no device count can exceed the
     * patients present. Admissions can (patients admitted and discharged the same day).
     */
    @Override
    public void check(Checks checks) {
        checks.atMost("centralLineDays", centralLineDays, "patientsPresent", patientsPresent);
        checks.atMost("urinaryCatheterDays", urinaryCatheterDays, "patientsPresent", patientsPresent);
        checks.atMost("ventilatorDays", ventilatorDays, "patientsPresent", patientsPresent);
    }

    public WardCensus toFact() {
        return new WardCensus(wardId, date, patientsPresent, admissions, centralLineDays, urinaryCatheterDays, ventilatorDays);
    }
}

package org.hospital.surveillance.command.labresult;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.hospital.surveillance.command.intake.Checks;
import org.hospital.surveillance.command.intake.FactKey;
import org.hospital.surveillance.command.intake.NotInFuture;
import org.hospital.surveillance.command.intake.CrossFieldRules;
import org.hospital.surveillance.events.labresult.CultureResult;
import org.hospital.surveillance.events.labresult.Interpretation;
import org.hospital.surveillance.events.labresult.LabResult;
import org.hospital.surveillance.events.labresult.SpecimenType;
import org.hospital.surveillance.events.labresult.Susceptibility;

/**
 * Body of {@code POST /api/lab-results}. A negative culture may still name an organism and
 * phenotype ("MRSA screen: not detected"), so they are only required, never refused. A
 * collection before admission is accepted: pre-admission and outpatient specimens exist, and the
 * onset rule treats them as community onset.
 */
@CrossFieldRules.Checked
public record LabResultSubmission(
        @FactKey String accessionNumber,
        @FactKey String patientId,
        @FactKey String wardId,
        @NotNull @NotInFuture Instant admittedAt,
        @NotNull SpecimenType specimenType,
        @NotNull @NotInFuture Instant collectedAt,
        @NotNull CultureResult result,
        @Size(max = 200) String organism,
        @Size(max = 100) String phenotype,
        @Valid List<@NotNull Antibiogram> susceptibility) implements CrossFieldRules {

    /** One line of the antibiogram. */
    public record Antibiogram(@NotBlank @Size(max = 100) String antibiotic, @NotNull Interpretation interpretation) {
    }

    @Override
    public void check(Checks checks) {
        checks.requiredWhen(result == CultureResult.POSITIVE, "organism", organism, "result is POSITIVE");
    }

    public LabResult toFact() {
        List<Susceptibility> lines = susceptibility == null ? List.of()
                : susceptibility.stream().map(s -> new Susceptibility(s.antibiotic(), s.interpretation())).toList();
        return new LabResult(accessionNumber, patientId, wardId, admittedAt, specimenType, collectedAt, result,
                Checks.textOrNull(organism), Checks.textOrNull(phenotype), lines);
    }
}

package org.hospital.surveillance.command.casereport;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.hospital.surveillance.command.intake.Checks;
import org.hospital.surveillance.command.intake.FactKey;
import org.hospital.surveillance.command.intake.NotInFuture;
import org.hospital.surveillance.command.intake.CrossFieldRules;
import org.hospital.surveillance.events.casereport.CaseCategory;
import org.hospital.surveillance.events.casereport.CaseReport;
import org.hospital.surveillance.events.casereport.DeviceAssociation;
import org.hospital.surveillance.events.casereport.InfectionSite;

/**
 * Body of {@code POST /api/case-reports}. An HAI needs its site and onset time (they place it in
 * the rates and the cluster rule); a notifiable disease needs its name and diagnosis time (the
 * reporting deadline runs from it). The other category's fields are accepted when given: a
 * notifiable disease acquired in hospital has both.
 */
@CrossFieldRules.Checked
public record CaseReportSubmission(
        @FactKey String caseId,
        @FactKey String patientId,
        @FactKey String wardId,
        @NotNull CaseCategory category,
        InfectionSite infectionSite,
        @Size(max = 200) String organism,
        @Size(max = 100) String phenotype,
        @NotInFuture Instant onsetAt,
        DeviceAssociation deviceAssociation,
        @Size(max = 200) String disease,
        @NotInFuture Instant diagnosedAt) implements CrossFieldRules {

    @Override
    public void check(Checks checks) {
        boolean hai = category == CaseCategory.HAI;
        boolean notifiable = category == CaseCategory.NOTIFIABLE;
        checks.requiredWhen(hai, "infectionSite", infectionSite, "category is HAI");
        checks.requiredWhen(hai, "onsetAt", onsetAt, "category is HAI");
        checks.requiredWhen(notifiable, "disease", disease, "category is NOTIFIABLE");
        checks.requiredWhen(notifiable, "diagnosedAt", diagnosedAt, "category is NOTIFIABLE");
    }

    public CaseReport toFact() {
        return new CaseReport(caseId, patientId, wardId, category, infectionSite, Checks.textOrNull(organism),
                Checks.textOrNull(phenotype), onsetAt, deviceAssociation, Checks.textOrNull(disease), diagnosedAt);
    }
}

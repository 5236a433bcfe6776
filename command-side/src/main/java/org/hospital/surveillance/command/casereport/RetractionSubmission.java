package org.hospital.surveillance.command.casereport;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.hospital.surveillance.command.intake.Checks;
import org.hospital.surveillance.command.intake.Submission;

/** Body of {@code POST /api/case-reports/{caseId}/retraction}: why the case no longer counts is part of the record. */
public record RetractionSubmission(@NotBlank @Size(max = 1000) String reason) implements Submission {

    @Override
    public void check(Checks checks) {
        // nothing beyond the reason itself
    }

    public RetractCaseReport toCommand(String caseId) {
        return new RetractCaseReport(caseId, reason);
    }
}

package org.hospital.surveillance.command.casereport;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/case-reports/{caseId}/retraction}: why the case no longer counts is part of the record. */
public record RetractionSubmission(@NotBlank @Size(max = 1000) String reason) {

    public RetractCaseReport toCommand(String caseId) {
        return new RetractCaseReport(caseId, reason);
    }
}

package org.hospital.surveillance.command.casereport;

import java.util.function.Function;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.hospital.surveillance.command.intake.FactIntake;
import org.hospital.surveillance.command.intake.WriteReceipt;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

@RestController
public class CaseReportController {
    private final FactIntake intake;

    public CaseReportController(FactIntake intake) {
        this.intake = intake;
    }

    /** A retracted case re-submitted under its old id is a 409: it stays retracted. */
    @PostMapping("/api/case-reports")
    public Mono<ResponseEntity<WriteReceipt>> report(@RequestBody Mono<CaseReportSubmission> body) {
        return intake.record(body, CaseReportSubmission::toFact, ReportCase::new,
                        (report, outcome) -> WriteReceipt.of(report.caseId(), outcome))
                .onErrorMap(CaseAlreadyRetracted.class, e -> new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage()));
    }

    /** The first retraction is RECORDED (201), a repeated one a DUPLICATE (200); an unknown case is a 404. */
    @PostMapping("/api/case-reports/{caseId}/retraction")
    public Mono<ResponseEntity<WriteReceipt>> retract(@PathVariable String caseId, @RequestBody Mono<RetractionSubmission> body) {
        return intake.record(body, retraction -> retraction.toCommand(caseId),
                        Function.identity(), (retraction, outcome) -> WriteReceipt.of(caseId, outcome))
                .onErrorMap(AggregateNotFoundException.class, e -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "No case " + caseId + " has been reported"));
    }
}

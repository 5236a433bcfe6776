package org.hospital.surveillance.command.labresult;

import org.hospital.surveillance.command.intake.FactIntake;
import org.hospital.surveillance.command.intake.WriteReceipt;
import org.hospital.surveillance.rules.labresult.HospitalOnsetRule;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
public class LabResultController {
    private final FactIntake intake;
    private final HospitalOnsetRule hospitalOnset;

    public LabResultController(FactIntake intake, HospitalOnsetRule hospitalOnset) {
        this.intake = intake;
        this.hospitalOnset = hospitalOnset;
    }

    /** The receipt tells the lab at once whether the culture counts as hospital-onset. */
    @PostMapping("/api/lab-results")
    public Mono<ResponseEntity<WriteReceipt>> record(@RequestBody Mono<LabResultSubmission> body) {
        return intake.record(body, LabResultSubmission::toFact, RecordLabResult::new,
                (result, outcome) -> WriteReceipt.of(result.accessionNumber(), outcome)
                        .with("hospitalOnset", hospitalOnset.isHospitalOnset(result)));
    }
}

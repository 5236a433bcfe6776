package org.hospital.surveillance.command.environment;

import org.hospital.surveillance.command.intake.FactIntake;
import org.hospital.surveillance.command.intake.WriteReceipt;
import org.hospital.surveillance.rules.environment.EnvironmentLimits;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
public class EnvironmentSampleController {
    private final FactIntake intake;
    private final EnvironmentLimits limits;

    public EnvironmentSampleController(FactIntake intake, EnvironmentLimits limits) {
        this.intake = intake;
        this.limits = limits;
    }

    /** The receipt tells the nurse at once whether the sample is within its limit, and which limit applied. */
    @PostMapping("/api/environment-samples")
    public Mono<ResponseEntity<WriteReceipt>> record(@RequestBody Mono<EnvironmentSampleSubmission> body) {
        return intake.record(body, EnvironmentSampleSubmission::toFact,
                RecordEnvironmentSample::new,
                (sample, outcome) -> WriteReceipt.of(sample.sampleId(), outcome)
                        .with("compliant", limits.isCompliant(sample))
                        .with("limit", limits.limitFor(sample)));
    }
}

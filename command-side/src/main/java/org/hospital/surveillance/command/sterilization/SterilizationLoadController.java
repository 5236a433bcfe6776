package org.hospital.surveillance.command.sterilization;

import java.util.function.Function;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.hospital.surveillance.command.intake.FactIntake;
import org.hospital.surveillance.command.intake.InvalidRequestBody;
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
public class SterilizationLoadController {
    private final FactIntake intake;

    public SterilizationLoadController(FactIntake intake) {
        this.intake = intake;
    }

    @PostMapping("/api/sterilization-loads")
    public Mono<ResponseEntity<WriteReceipt>> record(@RequestBody Mono<SterilizationLoadSubmission> body) {
        return intake.record(body, SterilizationLoadSubmission::toFact,
                RecordSterilizationLoad::new, (load, outcome) -> WriteReceipt.of(load.loadId(), outcome));
    }

    /** A reading for a load nobody recorded is a 404: an indicator must not create a load. */
    @PostMapping("/api/sterilization-loads/{loadId}/biological-indicator")
    public Mono<ResponseEntity<WriteReceipt>> recordBiologicalReading(
            @PathVariable String loadId, @RequestBody Mono<BiologicalReadingSubmission> body) {
        return intake.record(body, reading -> reading.toCommand(loadId),
                        Function.identity(), (reading, outcome) -> WriteReceipt.of(loadId, outcome))
                .onErrorMap(AggregateNotFoundException.class, e -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "No sterilization load " + loadId + " has been recorded"))
                .onErrorMap(ReadingBeforeCycleCompleted.class, e -> InvalidRequestBody.of(
                        "readAt", "must not be before the cycle completed (" + e.completedAt() + ")"));
    }
}

package org.hospital.surveillance.command.census;

import org.hospital.surveillance.command.intake.FactIntake;
import org.hospital.surveillance.command.intake.WriteReceipt;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
public class WardCensusController {
    private final FactIntake intake;

    public WardCensusController(FactIntake intake) {
        this.intake = intake;
    }

    /** The natural key in the receipt is ward and date as the ward knows them: {@code ICU-1:2026-03-01}. */
    @PostMapping("/api/ward-census")
    public Mono<ResponseEntity<WriteReceipt>> record(@RequestBody Mono<WardCensusSubmission> body) {
        return intake.record(body, WardCensusSubmission::toFact, RecordWardCensus::new,
                (census, outcome) -> WriteReceipt.of(census.wardId() + ":" + census.date(), outcome));
    }
}

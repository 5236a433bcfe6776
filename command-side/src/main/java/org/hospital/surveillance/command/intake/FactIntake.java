package org.hospital.surveillance.command.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.hospital.surveillance.command.WriteOutcome;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The one path of every write endpoint: read and check the body, turn it into its fact, send
 * the fact's command on the submitter's behalf, and answer with the receipt.
 */
@Component
public class FactIntake {
    private final SubmissionReader reader;
    private final CommandDispatch dispatch;

    public FactIntake(SubmissionReader reader, CommandDispatch dispatch) {
        this.reader = reader;
        this.dispatch = dispatch;
    }

    /**
     * @param toFact    the valid submission as its fact (or directly as its command)
     * @param toCommand the command that records the fact
     * @param receipt   the answer, from the fact and what the aggregate decided
     */
    public <S extends Submission, F> Mono<ResponseEntity<WriteReceipt>> record(
            Mono<JsonNode> body, Class<S> type, Function<S, F> toFact, Function<F, ?> toCommand,
            BiFunction<F, WriteOutcome, WriteReceipt> receipt) {
        return reader.read(body, type)
                .map(toFact)
                .flatMap(fact -> dispatch.send(toCommand.apply(fact)).map(outcome -> receipt.apply(fact, outcome)))
                .map(WriteReceipt::toResponse);
    }
}

package org.hospital.surveillance.command.intake;

import java.util.function.BiFunction;
import java.util.function.Function;
import org.hospital.surveillance.command.WriteOutcome;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The one path of every write endpoint: the request, already read and checked by
 * {@link RequestBodyDecoder}, becomes its fact, the fact's command is sent on the submitter's
 * behalf, and the answer is the receipt.
 */
@Component
public class FactIntake {
    private final CommandDispatch dispatch;

    public FactIntake(CommandDispatch dispatch) {
        this.dispatch = dispatch;
    }

    /**
     * @param toFact    the valid request as its fact (or directly as its command)
     * @param toCommand the command that records the fact
     * @param receipt   the answer, from the fact and what the aggregate decided
     */
    public <S, F> Mono<ResponseEntity<WriteReceipt>> record(
            Mono<S> request, Function<S, F> toFact, Function<F, ?> toCommand,
            BiFunction<F, WriteOutcome, WriteReceipt> receipt) {
        return request
                .map(toFact)
                .flatMap(fact -> dispatch.<WriteOutcome>send(toCommand.apply(fact)).map(outcome -> receipt.apply(fact, outcome)))
                .map(WriteReceipt::toResponse);
    }
}

package org.hospital.surveillance.command.intake;

import java.time.Clock;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.hospital.surveillance.events.EventMetadata;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Sends a fact's command to its aggregate on behalf of the authenticated user. Axon's command bus
 * and the JDBC event store block, so the call runs on the {@link IntakeWorkers}, never on the event
 * loop, and is refused at once ({@link IntakeBusy}) when they are all busy and their queue is full.
 * The command carries who sent it, through which channel and when it arrived; Axon copies that
 * metadata onto the events the command appends.
 *
 * <p>A client that hangs up mid-request must not interrupt the thread appending its fact: Reactor
 * interrupts a cancelled {@code subscribeOn} task, and an interrupt during a write to the embedded
 * H2 file closes its channel, after which the store refuses every write until a restart. The
 * workers are never interrupted (as in {@code blocking/Uninterrupted}): the command completes,
 * and a client that sends it again is told it is already recorded.
 */
@Component
public class CommandDispatch {
    private final CommandGateway commandGateway;
    private final Clock clock;
    private final IntakeWorkers workers;

    public CommandDispatch(CommandGateway commandGateway, Clock clock, IntakeWorkers workers) {
        this.commandGateway = commandGateway;
        this.clock = clock;
        this.workers = workers;
    }

    @Autowired
    public CommandDispatch(CommandGateway commandGateway, ObjectProvider<Clock> clock, IntakeWorkers workers) {
        this(commandGateway, clock.getIfAvailable(Clock::systemUTC), workers);
    }

    /**
     * The aggregate's decision (a fact's {@code WriteOutcome}, an alert's new status). Two first submissions of one key racing each other (possible
     * between two app instances on one database) both try to append sequence 0; the loser's append
     * fails on the store's unique key. One retry replays it against the winner's event, so it
     * becomes a DUPLICATE (or an AMENDED) instead of an error.
     */
    public <R> Mono<R> send(Object command) {
        return principal()
                .map(this::metadataFor)
                .flatMap(metadata -> workers.call(() -> commandGateway.<R>sendAndWait(command, metadata))
                        .retryWhen(Retry.max(1)
                                .filter(CommandDispatch::lostRaceForSameKey)
                                .onRetryExhaustedThrow((spec, signal) -> signal.failure())));
    }

    private MetaData metadataFor(String principal) {
        return MetaData.from(Map.of(
                EventMetadata.PRINCIPAL, principal,
                EventMetadata.CHANNEL, EventMetadata.CHANNEL_HTTP,
                EventMetadata.RECEIVED_AT, clock.instant().toString()));
    }

    /** Every fact must name who submitted it; an unauthenticated call reaching here is refused, not recorded anonymously. */
    private static Mono<String> principal() {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .map(Authentication::getName)
                .switchIfEmpty(Mono.error(() -> new AccessDeniedException("Facts are recorded only for an authenticated user")));
    }

    static boolean lostRaceForSameKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AggregateStreamCreationException || t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}

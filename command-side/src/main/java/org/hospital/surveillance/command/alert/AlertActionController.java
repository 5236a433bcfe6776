package org.hospital.surveillance.command.alert;

import jakarta.validation.Valid;
import java.time.Clock;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.hospital.surveillance.events.EventMetadata;
import org.hospital.surveillance.events.alert.AlertStatus;
import org.hospital.surveillance.events.alert.CloseOutcome;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** A nurse acknowledges an alert (investigating) or closes it as a confirmed outbreak or a false alarm. */
@RestController
@RequestMapping("/api/alerts/{alertId}")
public class AlertActionController {

    private final CommandGateway commandGateway;
    private final Clock clock;

    public AlertActionController(CommandGateway commandGateway, ObjectProvider<Clock> clock) {
        this.commandGateway = commandGateway;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The body is optional: a nurse may acknowledge without a note. */
    @PostMapping("/acknowledge")
    public Mono<AlertActionRequests.Done> acknowledge(
            @PathVariable String alertId,
            @Valid @RequestBody(required = false) Mono<AlertActionRequests.Acknowledge> body) {
        return body.defaultIfEmpty(new AlertActionRequests.Acknowledge(null))
                .flatMap(request -> send(alertId, new AcknowledgeAlert(alertId, request.note())));
    }

    @PostMapping("/close")
    public Mono<AlertActionRequests.Done> close(
            @PathVariable String alertId, @Valid @RequestBody AlertActionRequests.Close request) {
        return send(alertId, new CloseAlert(alertId, CloseOutcome.valueOf(request.outcome()), request.note()));
    }

    private Mono<AlertActionRequests.Done> send(String alertId, Object command) {
        return principalName()
                // Axon's command bus and the JDBC event store block: keep them off the event loop.
                .flatMap(principal -> Mono.fromCallable(
                                () -> commandGateway.<AlertStatus>sendAndWait(command, metaData(principal)))
                        .subscribeOn(Schedulers.boundedElastic()))
                .map(status -> new AlertActionRequests.Done(alertId, status))
                .onErrorMap(AggregateNotFoundException.class,
                        e -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No alert " + alertId))
                .onErrorMap(AlertConflictException.class,
                        e -> new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage()));
    }

    private MetaData metaData(String principal) {
        return MetaData.from(Map.of(
                EventMetadata.PRINCIPAL, principal,
                EventMetadata.CHANNEL, EventMetadata.CHANNEL_HTTP,
                EventMetadata.RECEIVED_AT, clock.instant().toString()));
    }

    private static Mono<String> principalName() {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .map(Authentication::getName)
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED)));
    }
}

package org.hospital.surveillance.command.alert;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.hospital.surveillance.command.intake.CommandDispatch;
import org.hospital.surveillance.events.alert.AlertStatus;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** A nurse acknowledges an alert (investigating) or closes it as a confirmed outbreak or a false alarm. */
@RestController
@RequestMapping("/api/alerts/{alertId}")
public class AlertActionController {

    private final CommandDispatch dispatch;

    public AlertActionController(CommandDispatch dispatch) {
        this.dispatch = dispatch;
    }

    /** The body is optional: a nurse may acknowledge without a note. */
    @PostMapping("/acknowledge")
    public Mono<AlertActionRequests.Done> acknowledge(
            @PathVariable String alertId,
            @RequestBody(required = false) Mono<AlertActionRequests.Acknowledge> body) {
        return body.defaultIfEmpty(new AlertActionRequests.Acknowledge(null))
                .flatMap(request -> send(alertId, new AcknowledgeAlert(alertId, request.note())));
    }

    @PostMapping("/close")
    public Mono<AlertActionRequests.Done> close(
            @PathVariable String alertId, @RequestBody Mono<AlertActionRequests.Close> body) {
        return body.flatMap(request -> send(alertId, new CloseAlert(alertId, request.outcome(), request.note())));
    }

    /** Sent like every fact's command: on behalf of the authenticated user, off the event loop. */
    private Mono<AlertActionRequests.Done> send(String alertId, Object command) {
        return dispatch.<AlertStatus>send(command)
                .map(status -> new AlertActionRequests.Done(alertId, status))
                .onErrorMap(AggregateNotFoundException.class,
                        e -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No alert " + alertId))
                .onErrorMap(AlertConflictException.class,
                        e -> new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage()));
    }
}

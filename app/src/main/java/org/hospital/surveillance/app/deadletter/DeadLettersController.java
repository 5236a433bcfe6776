package org.hospital.surveillance.app.deadletter;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.hospital.surveillance.app.deadletter.ParkedSequences.Parked;
import org.hospital.surveillance.blocking.Uninterrupted;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * What a figure projection parked ({@link ParkedSequences}), for an ADMIN:
 * {@code GET /api/projections/{name}/dead-letters} lists the parked facts,
 * {@code POST .../dead-letters/{id}/retry} applies one again once its cause is fixed (200 with
 * {@code retried: true}, or still parked: {@code retried: false}), {@code DELETE .../dead-letters/{id}}
 * gives it up (204; a rebuild applies it again). Unknown projection or id: 404. ADMIN only
 * (app/.../security/SecurityConfiguration). The dead-letter table is JDBC: the work runs off the event loop.
 */
@RestController
@RequestMapping("/api/projections/{name}/dead-letters")
class DeadLettersController {

    private final ParkedSequences parked;

    DeadLettersController(ParkedSequences parked) {
        this.parked = parked;
    }

    @GetMapping
    Mono<List<Parked>> list(@PathVariable String name) {
        return offTheEventLoop(() -> parked.list(name));
    }

    @PostMapping("/{id}/retry")
    Mono<Map<String, Object>> retry(@PathVariable String name, @PathVariable String id) {
        return offTheEventLoop(() -> Map.of("id", id, "retried", parked.retry(name, id)));
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> evict(@PathVariable String name, @PathVariable String id) {
        return offTheEventLoop(() -> {
            parked.evict(name, id);
            return ResponseEntity.noContent().build();
        });
    }

    private static <T> Mono<T> offTheEventLoop(java.util.concurrent.Callable<T> work) {
        return Uninterrupted.call(work)
                .onErrorMap(NoSuchElementException.class, e -> new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage()));
    }
}

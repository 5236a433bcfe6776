package org.hospital.surveillance.app.audit;

import java.time.Instant;
import java.util.List;
import org.hospital.surveillance.blocking.Uninterrupted;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/audit?since=&limit=} (ADMIN): who looked into the history, latest first.
 * {@code limit} 1 to 1000, default 100.
 */
@RestController
class AuditController {

    static final int MAX_LIMIT = 1000;
    private final AuditLog log;

    AuditController(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/api/audit")
    Mono<List<HistoryAccess>> historyAccess(@RequestParam(required = false) Instant since,
                                            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ServerWebInputException("'limit' must be between 1 and " + MAX_LIMIT, limitParameter());
        }
        return Uninterrupted.call(() -> log.latest(since, limit));
    }

    private static MethodParameter limitParameter() {
        try {
            return new MethodParameter(AuditController.class.getDeclaredMethod("historyAccess", Instant.class, int.class), 1);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}

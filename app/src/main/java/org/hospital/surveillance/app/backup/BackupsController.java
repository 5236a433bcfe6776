package org.hospital.surveillance.app.backup;

import org.hospital.surveillance.app.backup.EventStoreBackups.Backup;
import org.hospital.surveillance.blocking.Uninterrupted;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/backups} (ADMIN only, see the security configuration): an online backup of the
 * embedded event store, answered 201 with its file name and size. With PostgreSQL as the event
 * store the database's own tools back it up: 409. The copy is blocking JDBC: off the event loop, and
 * not interrupted by a client that hangs up (an interrupt mid-copy would close the store).
 */
@RestController
class BackupsController {

    private final EventStoreBackups backups;

    BackupsController(EventStoreBackups backups) {
        this.backups = backups;
    }

    @PostMapping("/api/backups")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Backup> backUp() {
        if (!backups.embedded()) {
            return Mono.error(new ResponseStatusException(HttpStatus.CONFLICT,
                    "The event store is not the embedded default: back it up with the database's own tools"));
        }
        return Uninterrupted.call(backups::take);
    }
}

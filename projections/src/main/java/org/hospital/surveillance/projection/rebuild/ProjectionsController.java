package org.hospital.surveillance.projection.rebuild;

import java.net.URI;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hospital.surveillance.process.alert.AlertDetector;
import org.hospital.surveillance.projection.rebuild.ProjectionRebuilds.Status;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/projections}: each projection's state, position and rebuild progress;
 * {@code POST /api/projections/{name}/rebuild} (or {@code all}): 202, the rebuild runs in the
 * background and the live read model serves until the rebuilt one takes over. The body is the
 * status of the projections the request names; asking again while they rebuild starts nothing new.
 * The alert detector is not a projection: it raises alerts by sending commands, so replaying it
 * is never a rebuild (404, as for any other unknown name). With several instances, only the one
 * holding every segment of a projection's processor can pause it for the switch: the instance asked
 * gathers them first (a few seconds with segment balancing), and answers 409 if they do not arrive
 * in time or another instance is gathering them for its own rebuild.
 */
@RestController
@RequestMapping("/api/projections")
class ProjectionsController implements DisposableBean {

    private final ProjectionRebuilds rebuilds;
    /** Rebuild requests are taken one at a time anyway ({@link ProjectionRebuilds#rebuild}). */
    private final ExecutorService requests = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild-request");
        thread.setDaemon(true);
        return thread;
    });

    ProjectionsController(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @Override
    public void destroy() {
        requests.shutdownNow();
    }

    @GetMapping
    List<Status> projections() {
        return rebuilds.status();
    }

    @PostMapping("/{name}/rebuild")
    CompletableFuture<ResponseEntity<List<Status>>> rebuild(@PathVariable String name) {
        // Off the event loop: gathering the processor's segments from other instances takes seconds.
        return CompletableFuture.supplyAsync(() -> start(name), requests);
    }

    private ResponseEntity<List<Status>> start(String name) {
        try {
            return ResponseEntity.accepted().location(URI.create("/api/projections")).body(rebuilds.rebuild(name));
        } catch (ProjectionRebuilds.ProcessedElsewhere elsewhere) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, elsewhere.getMessage());
        } catch (NoSuchElementException unknown) {
            String why = AlertDetector.PROCESSING_GROUP.equals(name)
                    ? "alert-detection is not a projection: it raises alerts by sending commands, and is never rebuilt"
                    : "No projection named '" + name + "'; rebuildable: " + String.join(", ", rebuilds.names())
                    + ", or " + ProjectionRebuilds.ALL;
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, why);
        }
    }
}

package org.hospital.surveillance.projection.rebuild;

import java.net.URI;
import java.util.List;
import java.util.NoSuchElementException;
import org.hospital.surveillance.process.alert.AlertDetector;
import org.hospital.surveillance.projection.rebuild.ProjectionRebuilds.Status;
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
 * holding a projection's processor can pause it for the switch: a rebuild asked elsewhere is a 409
 * saying so, and {@code processedHere} in the status tells which instance to ask.
 */
@RestController
@RequestMapping("/api/projections")
class ProjectionsController {

    private final ProjectionRebuilds rebuilds;

    ProjectionsController(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @GetMapping
    List<Status> projections() {
        return rebuilds.status();
    }

    @PostMapping("/{name}/rebuild")
    ResponseEntity<List<Status>> rebuild(@PathVariable String name) {
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

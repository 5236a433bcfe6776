package org.hospital.surveillance.projection.support;

import java.util.Objects;
import java.util.Optional;
import org.bson.Document;

/**
 * The outcome of applying one event to a fact: the fact's new state (whatever later events of the
 * same fact need to know, e.g. a load for its late biological reading) and where it now counts,
 * if anywhere.
 */
public record Transition(Document state, Optional<Placement> placement) {

    public Transition {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(placement, "placement");
    }

    public static Transition countsIn(Placement placement) {
        return new Transition(new Document(), Optional.of(placement));
    }

    public static Transition countsNowhere() {
        return new Transition(new Document(), Optional.empty());
    }
}

package org.hospital.surveillance.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.function.Function;

/** What a submission did to its stream: the answer every fact aggregate gives and the API reports. */
public enum WriteOutcome {
    /** New key: one "recorded" event appended. */
    RECORDED,
    /** Same key, same content: nothing appended. */
    DUPLICATE,
    /** Same key, changed content: one amendment restating the whole fact appended. */
    AMENDED;

    /**
     * Decides on a submitted fact against the current one (null if none yet) and applies the event
     * that follows. Call from inside an aggregate's command handler. Facts are records, so "same
     * content" is record equality.
     */
    public static <F> WriteOutcome decide(F current, F submitted, Function<F, ?> recorded, Function<F, ?> amended) {
        if (current == null) {
            apply(recorded.apply(submitted));
            return RECORDED;
        }
        if (current.equals(submitted)) {
            return DUPLICATE;
        }
        apply(amended.apply(submitted));
        return AMENDED;
    }
}

package org.hospital.surveillance.projection.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;

/**
 * Applies one version of a fact to a {@link FactBook}: the newest version wins whatever the
 * arrival order, a version applied twice changes nothing, and a fact that moves leaves the bucket
 * it was in.
 *
 * <p>Write order, so that a crash between any two writes followed by redelivery converges:
 * <ol>
 *   <li>list the new bucket's key in its month's key list ({@link Bucket#monthKeys()}), then put
 *   the entry into the bucket;</li>
 *   <li>remove it from every other bucket the locator lists;</li>
 *   <li>last, record the locator (version applied, where the fact now sits, its state).</li>
 * </ol>
 * Until step 3 the locator still shows the previous version, so a redelivered batch applies this
 * version again from the start and steps 1 and 2 are repeated harmlessly. Events of one fact come
 * from one aggregate, so redelivery reaches this version again before any newer one and the
 * transition computes the same placement. Once step 3 is done, the same or an older version is
 * skipped. A fact is therefore counted at most once per bucket at any moment, and in exactly one
 * bucket (or none) when an update has completed.
 *
 * <p>A missing locator: a rebuilt generation holds none but those of the facts the live processor
 * may see again (the rebuild writes those at its switch). A fact's first event (sequence 0) needs
 * none. A later event of a fact without a locator (an amendment, correction, retraction or
 * reading after a rebuild) asks {@link MissingLocators} for the locator its earlier events give,
 * computed from the fact's own event stream with the same ledger; it then proceeds as if the
 * locator had been there, and records it as usual.
 */
public final class FactPlacer {

    /** Derives the locator a fact has once its events before {@code sequence} are applied. */
    @FunctionalInterface
    public interface MissingLocators {
        Optional<FactRecord> before(String factId, long sequence);
    }

    private final FactBook book;
    private final MissingLocators missing;

    /** For a book that sees every event of every fact from the first (a rebuild's fold, a look into the past). */
    public FactPlacer(FactBook book) {
        this(book, (factId, sequence) -> Optional.empty());
    }

    public FactPlacer(FactBook book, MissingLocators missing) {
        this.book = Objects.requireNonNull(book, "book");
        this.missing = Objects.requireNonNull(missing, "missing");
    }

    /**
     * @param part       which stream of versions this event belongs to (see {@link FactRecord})
     * @param sequence   the event's aggregate sequence number
     * @param transition from the fact's current state (empty if unknown) to its new state and placement;
     *                   it must be deterministic, as a redelivery runs it again
     * @return false if this version, or a newer one, had already been applied
     */
    public boolean apply(FactRef fact, String part, long sequence, Function<Document, Transition> transition) {
        FactRecord current = book.find(fact.factId())
                .or(() -> sequence > 0 ? missing.before(fact.factId(), sequence) : Optional.empty())
                .orElse(FactRecord.none());
        if (current.hasApplied(part, sequence)) {
            return false;
        }
        Transition next = transition.apply(new Document(current.state()));
        Optional<Placement> placement = next.placement();
        placement.ifPresent(p -> {
            // Listed before the bucket is written: a key listed without its bucket yet reads as nothing.
            book.put(p.bucket().monthKeys(), p.bucket().keyRef(), p.bucket().keyEntry());
            book.put(p.bucket(), fact, p.entry());
        });
        List<String> placedIn = new ArrayList<>();
        placement.ifPresent(p -> placedIn.add(p.bucket().id()));
        for (String previous : current.placedIn()) {
            if (!placedIn.contains(previous)) {
                book.remove(previous, fact);
            }
        }
        book.record(fact.factId(), current.next(part, sequence, placedIn, next.state()));
        return true;
    }
}

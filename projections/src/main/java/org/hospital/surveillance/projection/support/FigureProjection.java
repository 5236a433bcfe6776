package org.hospital.surveillance.projection.support;

import java.util.List;
import java.util.Objects;
import org.axonframework.eventhandling.ResetHandler;

/**
 * What the figure projections (rates, environment and sterilization compliance) share: a bucket
 * collection and a fact-locator collection kept through a {@link FactBook}, and a ledger of the
 * projection's own built on a {@link FactPlacer} over it. Switching stores (a rebuilt generation)
 * builds the ledger again on the new book.
 */
public abstract class FigureProjection implements RebuildableProjection {

    private final String name;
    private final String buckets;
    private final String facts;
    private final List<String> queryFields;
    private volatile FactBook book;

    protected FigureProjection(String name, String buckets, String facts, List<String> queryFields) {
        this.name = Objects.requireNonNull(name, "name");
        this.buckets = Objects.requireNonNull(buckets, "buckets");
        this.facts = Objects.requireNonNull(facts, "facts");
        this.queryFields = List.copyOf(queryFields);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> collections() {
        return List.of(buckets, facts);
    }

    /** Subclasses call this once their own fields are set, as it builds their ledger. */
    @Override
    public final void writeTo(ReadModelStores stores) {
        FactBook next = stores.factBook(buckets, facts, queryFields);
        useLedgerOver(new FactPlacer(next));
        book = next;
    }

    /** Builds the projection's ledger on this placer; it replaces the previous one. */
    protected abstract void useLedgerOver(FactPlacer placer);

    @ResetHandler
    public void reset() {
        book.clear();
    }
}

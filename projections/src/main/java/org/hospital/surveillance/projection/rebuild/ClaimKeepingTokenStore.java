package org.hospital.surveillance.projection.rebuild;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;

/**
 * The token store, able to keep a processor's claims while the processor is paused. A rebuild's
 * switch shuts the live processor down, and a processor that shuts down releases its segments: an
 * instance sharing the token store could claim them in that moment and go on writing to the
 * generation being replaced. While a processor's claims are {@linkplain #keep kept}, its releases are
 * not passed on, so the claims stay with this instance (under the same owner name, so the restarted
 * processor takes them straight back). They still time out like any claim if this instance stops
 * extending them. Everything else goes to the store as it is.
 */
public final class ClaimKeepingTokenStore implements TokenStore {

    private final TokenStore store;
    private final Set<String> kept = ConcurrentHashMap.newKeySet();

    public ClaimKeepingTokenStore(TokenStore store) {
        this.store = store;
    }

    /** From now on the processor's releases are not passed on. */
    public void keep(String processorName) {
        kept.add(processorName);
    }

    /** Releases are passed on again; the claims kept meanwhile stay until released or timed out. */
    public void stopKeeping(String processorName) {
        kept.remove(processorName);
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        if (!kept.contains(processorName)) {
            store.releaseClaim(processorName, segment);
        }
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        store.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        store.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        store.storeToken(token, processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        return store.fetchToken(processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        return store.fetchToken(processorName, segment);
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        store.extendClaim(processorName, segment);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        store.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        store.deleteToken(processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return store.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return store.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return store.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return store.retrieveStorageIdentifier();
    }
}

package org.hospital.surveillance.projection.rebuild;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.hospital.surveillance.projection.history.EventHistoryReader;
import org.hospital.surveillance.projection.history.TokenPositions;
import org.hospital.surveillance.projection.history.HistoryQuery;
import org.hospital.surveillance.projection.support.ProjectionReplica;
import org.hospital.surveillance.projection.support.RebuildableProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds projections from the start of the history while their live read models keep serving,
 * and keep being updated.
 *
 * <p>A rebuild computes the next generation of the projection's collections
 * ({@code rates_by_ward_month_g2}, ...) on its own thread, running a second instance of the
 * projection's own handlers over the history read from the event store's tail (the first pass
 * through {@link EventHistoryReader}, read ahead on a thread of its own ({@link ReadAhead}); the later
 * ones with Axon's gap-aware read), with buffered bulk writes. The live processor meanwhile goes on updating the active generation, which the query
 * side keeps reading. Once a pass over the history finds little left to read, the rebuild pauses
 * the live processor (shut down after its current batch), reads what remains to the head (every
 * event the live processor had handled, and maybe a few more), flushes, points the projection's
 * generation document at the new generation (one atomic document write, which moves the query
 * side) and restarts the processor from its own untouched token; its first batch finds the new
 * generation in that document and the live instance writes there from then on.
 * Events between that token and the rebuild's last one are handled again, which every projection
 * shrugs off (its updates are idempotent per fact version). The replaced generation is dropped
 * after a grace period.
 *
 * <p>Crash safety: until the generation document is written the live model, its processor and its
 * token are as they were; after it, the new generation already covers the processor's token. A
 * replaced generation, or a half-built one its rebuild gave up (or was stopped with the platform),
 * is dropped at the next start ({@link #dropLeftovers}); one still marked as being built (its
 * rebuild may run on another instance; or it died with its JVM) is left to the next rebuild, which
 * starts over.
 *
 * <p>Several instances: each segment of a processor is claimed by one instance (Axon's token store),
 * and a rebuild can only pause processors of its own instance, so it first gathers every segment of
 * the projections it names here ({@link SegmentGathering}: the other instances let theirs go and
 * this one claims them), waits a bounded time for them, and is refused ({@link ProcessedElsewhere})
 * if they do not all arrive, or if another instance is gathering them for its own rebuild. The
 * request stands until the rebuild ends, so balancing does not move a segment away meanwhile. While the processor is paused for the switch its claims stay with this instance
 * ({@link ClaimKeepingTokenStore}), so no other instance picks it up between the pause and the
 * restart; the switch happens only if they are still this instance's just before it. Whichever instance processes a
 * projection later (after a takeover, say) writes to the generation the pointer names, as the live
 * projections follow it ({@link FollowActiveGeneration}).
 */
public final class ProjectionRebuilds implements AutoCloseable {

    /** The name that rebuilds every projection in one pass over the history. */
    public static final String ALL = "all";

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    /** Reads a pass of the history ahead of the rebuild's thread ({@link ReadAhead}). */
    private static final String READER_THREAD = "projection-rebuild-reader";

    public enum State { LIVE, REBUILDING }

    /**
     * One projection as {@code GET /api/projections} shows it. While LIVE: the live processor's
     * position, 100 %, 0 events/s, ETA 0. While REBUILDING: the rebuild's position in the history
     * (global index of the last event read), its share of the head's index, its mean pace since it
     * started reading, and the time left at that pace (null until it has a pace).
     */
    public record Status(String name, State state, int generation, long position, double progressPercent,
                         double eventsPerSecond, Double etaSeconds, boolean processedHere) {
    }

    /** A rebuild asked of an instance that does not hold the processor of a projection it names. */
    public static final class ProcessedElsewhere extends RuntimeException {
        public ProcessedElsewhere(String message) {
            super(message);
        }
    }

    private final Map<String, RebuildableProjection> projections = new LinkedHashMap<>();
    private final EventStorageEngine events;
    private final EventHistoryReader reader;
    private final EventProcessingConfiguration processing;
    private final MongoDatabase database;
    private final ReadModelGenerations generations;
    private final RebuildSettings settings;
    private final SegmentGathering gathering;
    private final ExecutorService worker;
    private final Map<String, Rebuild> rebuilding = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public ProjectionRebuilds(List<RebuildableProjection> projections, EventStorageEngine events,
                              EventHistoryReader reader, EventProcessingConfiguration processing, MongoDatabase database, RebuildSettings settings) {
        this(projections, events, reader, processing, database, settings, SegmentGathering.NONE);
    }

    public ProjectionRebuilds(List<RebuildableProjection> projections, EventStorageEngine events,
                              EventHistoryReader reader, EventProcessingConfiguration processing, MongoDatabase database,
                              RebuildSettings settings, SegmentGathering gathering) {
        // By name, so the API lists them in a stable order.
        projections.stream().sorted(Comparator.comparing(RebuildableProjection::name))
                .forEach(p -> this.projections.put(p.name(), p));
        this.events = events;
        this.reader = reader;
        this.processing = processing;
        this.database = database;
        this.generations = new ReadModelGenerations(database);
        this.settings = settings;
        this.gathering = gathering;
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-rebuild");
            thread.setDaemon(true);
            return thread;
        });
    }

    public List<String> names() {
        return List.copyOf(projections.keySet());
    }

    /**
     * Drops every generation but the active one and one a rebuild (of any instance) is filling: what
     * a rebuild stopped in its course or a crash right after a switch left behind.
     */
    public void dropLeftovers() {
        projections.values().forEach(p -> {
            List<String> dropped = generations.dropAllBut(p.collections(), generations.inUse(p.name()));
            if (!dropped.isEmpty()) {
                log.info("Dropped collections {} left by an earlier rebuild of {}", dropped, p.name());
            }
        });
    }

    public List<Status> status() {
        return projections.values().stream().map(this::status).toList();
    }

    /**
     * Starts rebuilding the named projection, or every one for {@value #ALL}. A projection already
     * rebuilding is not started again, so repeating the request is harmless.
     *
     * @return the status of the projections the request names
     * @throws NoSuchElementException if no rebuildable projection has that name
     * @throws ProcessedElsewhere      if the processor of a projection named could not be gathered here in time
     */
    public synchronized List<Status> rebuild(String name) {
        List<RebuildableProjection> named;
        if (ALL.equals(name)) {
            named = List.copyOf(projections.values());
        } else if (projections.containsKey(name)) {
            named = List.of(projections.get(name));
        } else {
            throw new NoSuchElementException("No rebuildable projection named '" + name + "'");
        }
        // One already rebuilding here starts nothing new (and during its switch its processor is paused).
        List<RebuildableProjection> idle = named.stream().filter(p -> !rebuilding.containsKey(p.name())).toList();
        if (!idle.isEmpty()) {
            List<String> names = idle.stream().map(RebuildableProjection::name).toList();
            // Asked for even when every segment is here already, so that none is balanced away before the switch.
            SegmentGathering.Request gathered = gathering.gather(names).orElseThrow(() -> new ProcessedElsewhere(
                    "Another instance is gathering the processor of one of " + String.join(", ", names)
                            + " for its own rebuild: ask again once it has switched"));
            try {
                awaitProcessedHere(names);
            } catch (RuntimeException notHere) {
                gathered.close();
                throw notHere;
            }
            Rebuild rebuild = new Rebuild(idle, gathered);
            idle.forEach(p -> rebuilding.put(p.name(), rebuild));
            worker.execute(rebuild::run);
        }
        return named.stream().map(this::status).toList();
    }

    /**
     * Waits, up to the gathering's patience, until every segment of these processors is held here;
     * the other instances let theirs go and this one claims them.
     *
     * @throws ProcessedElsewhere if some did not arrive in time
     */
    private void awaitProcessedHere(List<String> names) {
        long deadline = System.nanoTime() + gathering.patience().toNanos();
        List<String> elsewhere = names.stream().filter(p -> !processedHere(p)).toList();
        while (!elsewhere.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            elsewhere = elsewhere.stream().filter(p -> !processedHere(p)).toList();
        }
        if (!elsewhere.isEmpty()) {
            throw new ProcessedElsewhere("The processor of " + String.join(", ", elsewhere) + " runs on another instance"
                    + " and did not come here within " + gathering.patience().toSeconds() + " s (or has not claimed its"
                    + " segment yet): a rebuild pauses the live processor, so ask the instance whose"
                    + " GET /api/projections shows processedHere true");
        }
    }

    private Status status(RebuildableProjection projection) {
        Rebuild rebuild = rebuilding.get(projection.name());
        if (rebuild != null) {
            return rebuild.status(projection.name());
        }
        return new Status(projection.name(), State.LIVE, generations.active(projection.name()),
                livePosition(projection.name()), 100.0, 0.0, 0.0, processedHere(projection.name()));
    }

    /**
     * Whether this instance's processor holds every segment of the projection: segment fractions
     * (1 / (mask + 1)) of the segments it claims add up to the whole.
     */
    public boolean processedHere(String name) {
        return processor(name).map(p -> p.processingStatus().values().stream()
                        .mapToDouble(status -> 1.0 / (status.getSegment().getMask() + 1)).sum() > 0.999)
                .orElse(false);
    }

    private long livePosition(String name) {
        return processor(name)
                .map(p -> p.processingStatus().values().stream()
                        .map(EventTrackerStatus::getCurrentPosition)
                        .mapToLong(position -> position.orElse(-1))
                        .min().orElse(-1))
                .orElse(-1L);
    }

    private Optional<StreamingEventProcessor> processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class);
    }

    private long headPosition() {
        TrackingToken head = events.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    @Override
    public void close() {
        closed = true;
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One projection's part of a rebuild: the generation it fills over the one served, and the copy filling it. */
    private record Target(RebuildableProjection projection, int from, int generation, RebuildReadModelStores stores,
                          ProjectionReplica replica) {
    }

    /** One request's rebuild: one pass over the history feeds every projection it covers. */
    private final class Rebuild {

        private final List<RebuildableProjection> projections;
        /** Keeps every segment of the projections' processors here until the rebuild ends. */
        private final SegmentGathering.Request gathered;
        private final List<Target> targets = new ArrayList<>();
        /** Marks this rebuild's generations in the pointer documents, shared with the other instances. */
        private final String id = UUID.randomUUID().toString();
        private volatile long position = -1;
        private volatile long head = -1;
        private volatile long eventsRead;
        private volatile long readingSince;
        private TrackingToken token;
        private final Map<Class<?>, List<Target>> handlers = new HashMap<>();
        /**
         * Writes the new generations' windows while the history is read on: the read-model server's
         * work (decoding, indexing and storing every document) then no longer stops the fold.
         */
        private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-rebuild-writer");
            thread.setDaemon(true);
            return thread;
        });

        Rebuild(List<RebuildableProjection> projections, SegmentGathering.Request gathered) {
            this.projections = projections;
            this.gathered = gathered;
        }

        Status status(String name) {
            long at = position;
            long to = Math.max(head, at);
            double percent = to <= 0 ? (readingSince == 0 ? 0.0 : 100.0) : Math.floor(1000.0 * Math.max(at, 0) / to) / 10;
            double seconds = readingSince == 0 ? 0 : (System.nanoTime() - readingSince) / 1e9;
            double pace = seconds <= 0 ? 0.0 : Math.round(eventsRead / seconds * 10) / 10.0;
            Double eta = pace > 0 ? Math.ceil((to - Math.max(at, 0)) / pace) : null;
            return new Status(name, State.REBUILDING, generations.active(name), at, percent, pace, eta, processedHere(name));
        }

        void run() {
            try {
                prepare();
                log.info("Rebuilding {} from the start of the history beside the live read models", names());
                readingSince = System.nanoTime();
                while (readToHead() > settings.switchWithin()) {
                    log.debug("Rebuild of {} at {} of {}", names(), position, head);
                }
                checkIntact();
                switchOver();
                log.info("Rebuilt {} from {} events at {} events/s", names(), eventsRead,
                        status(projections.get(0).name()).eventsPerSecond());
            } catch (RuntimeException | Error e) {
                log.error("Rebuild of {} failed; the live read models keep serving", names(), e);
                giveUp();
            } finally {
                stopWriter();
                projections.forEach(p -> rebuilding.remove(p.name(), this));
                // Balancing resumes: the segments spread over the instances again.
                withdraw();
            }
            dropReplacedGenerations();
        }

        /**
         * Lets a write under way finish (not interrupted: the driver refuses to work on an interrupted
         * thread), so none lands in a generation after this rebuild gave it up and another started on it.
         */
        private void stopWriter() {
            writer.shutdown();
            try {
                if (!writer.awaitTermination(1, TimeUnit.MINUTES)) {
                    log.warn("A write of the rebuild of {} is still under way", names());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private List<String> names() {
            return projections.stream().map(RebuildableProjection::name).toList();
        }

        /** The next generation of each projection, emptied of whatever an earlier rebuild left there. */
        private void prepare() {
            for (RebuildableProjection projection : projections) {
                int active = generations.active(projection.name());
                generations.dropAllBut(projection.collections(), Set.of(active));
                generations.startBuilding(projection.name(), active + 1, id);
                RebuildReadModelStores stores = new RebuildReadModelStores(database, active + 1, writer);
                targets.add(new Target(projection, active, active + 1, stores, new ProjectionReplica(projection, stores)));
            }
        }

        /** Reads from where the rebuild stands to the head as it is now; returns the events read. */
        private long readToHead() {
            head = headPosition();
            // The bulk pass (from the start) reads through the history reader in pages; the passes after
            // it, the switch's catch-up included, go on from its gap-aware token with Axon's own read,
            // which re-reads the indexes of transactions that had not committed when they were passed.
            if (token != null) {
                return pass(events.readEvents(token, false), Long.MAX_VALUE, false);
            }
            Optional<Set<String>> types = handledTypes();
            if (types.isEmpty()) {
                return pass(ReadAhead.of(reader.messages(HistoryQuery.everything()), READER_THREAD), Long.MAX_VALUE, false);
            }
            // Only the events the projections handle, asked of the database (half the history is lab
            // results, which no projection reads), up to the head as it is now. The token to go on from
            // is taken before that read, so a transaction committing meanwhile below the head is read
            // again by the next pass rather than missed (the projections skip a version seen twice).
            long upTo = head;
            TrackingToken after = reader.tokenAfterReading(upTo);
            long read = pass(ReadAhead.of(reader.messages(new HistoryQuery(-1, null, null, types.get())), READER_THREAD), upTo, true);
            eventsRead += Math.max(0, upTo - Math.max(position, 0));
            position = Math.max(position, upTo);
            token = after;
            return read;
        }

        /** The payload types any projection of this rebuild handles; empty if one cannot list them. */
        private Optional<Set<String>> handledTypes() {
            Set<String> types = new HashSet<>();
            for (Target target : targets) {
                Optional<Set<String>> handled = target.replica().payloadTypes();
                if (handled.isEmpty()) {
                    return Optional.empty();
                }
                types.addAll(handled.get());
            }
            return Optional.of(types);
        }

        /**
         * Applies the events up to position {@code upTo} to every projection that handles them. A
         * filtered read counts the events it passed over in the database by their positions.
         */
        private long pass(Stream<? extends TrackedEventMessage<?>> history, long upTo, boolean filtered) {
            long read = 0;
            try (history) {
                Iterator<? extends TrackedEventMessage<?>> it = history.iterator();
                while (it.hasNext()) {
                    TrackedEventMessage<?> event = it.next();
                    long at = event.trackingToken().position().orElse(position);
                    if (at > upTo) {
                        break;
                    }
                    for (Target target : handlersOf(event.getPayloadType())) {
                        target.stores().at(at);
                        target.replica().apply(event);
                    }
                    if (!filtered) {
                        token = event.trackingToken();
                    }
                    eventsRead += filtered ? Math.max(1, at - Math.max(position, 0)) : 1;
                    position = at;
                    read++;
                    if (read % settings.flushEvery() == 0) {
                        flush(false);
                        head = Math.max(head, headPosition());
                    }
                    keepPace();
                }
            }
            // Every write done before a pass returns: the switch follows the last one.
            flush(true);
            return read;
        }

        /** The targets whose projection handles events of this type, worked out once per type. */
        private List<Target> handlersOf(Class<?> payloadType) {
            return handlers.computeIfAbsent(payloadType,
                    type -> targets.stream().filter(target -> target.replica().handles(type)).toList());
        }

        /**
         * Writes out the buffers (waiting for the writes, or handing them to the writer thread), unless
         * another rebuild (started since on another instance) took the generation.
         */
        private void flush(boolean wait) {
            for (Target target : targets) {
                if (!generations.isBuilding(target.projection().name(), id)) {
                    throw new IllegalStateException("Another rebuild of " + target.projection().name()
                            + " has taken over generation " + target.generation());
                }
                if (wait) {
                    target.stores().flush();
                } else {
                    target.stores().flushInBackground();
                }
            }
        }

        /**
         * Refuses to switch to a generation that lost documents: another instance starting up at the
         * moment this rebuild began may have dropped its first collections as a leftover (it read the
         * generation document before this rebuild marked it). Checked before the pause, since the
         * drop can only happen at the start.
         */
        private void checkIntact() {
            for (Target target : targets) {
                if (!target.stores().intact()) {
                    throw new IllegalStateException("Generation " + target.generation() + " of "
                            + target.projection().name() + " lost documents while it was built (dropped by another"
                            + " instance's start-up?); ask for the rebuild again");
                }
            }
        }

        private void withdraw() {
            // Stopped with the platform, this thread is interrupted; the request lapses with this instance anyway.
            boolean interrupted = Thread.interrupted();
            try {
                gathered.close();
            } catch (RuntimeException e) {
                log.warn("Could not withdraw the request for the segments of {}; it lapses when this instance stops", names(), e);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** A failed rebuild hands back the generations it still owns, to be dropped. */
        private void giveUp() {
            // Stopped with the platform, this thread is interrupted, which the MongoDB driver refuses to work with.
            boolean interrupted = Thread.interrupted();
            try {
                targets.forEach(target -> generations.stopBuilding(target.projection().name(), id));
            } catch (RuntimeException e) {
                log.warn("Could not clear the rebuild marks of {}; the next rebuild replaces them", names(), e);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void keepPace() {
            if (settings.maxEventsPerSecond() > 0) {
                long due = readingSince + (long) (eventsRead / settings.maxEventsPerSecond() * 1e9);
                long early = due - System.nanoTime();
                if (early > 0) {
                    LockSupport.parkNanos(early);
                }
            }
            // Paced or not: a rebuild stopped with the platform gives its generation up while MongoDB is still there.
            if (closed) {
                throw new IllegalStateException("The platform is shutting down");
            }
        }

        /**
         * Pauses the live processors keeping their claims, reads the rest, then moves readers (and so
         * the live projections, which follow the pointer) to the new generation.
         */
        private void switchOver() {
            List<StreamingEventProcessor> paused = new ArrayList<>();
            List<Claim> claims = new ArrayList<>();
            try {
                List<CompletableFuture<Void>> stopping = new ArrayList<>();
                for (Target target : targets) {
                    String name = target.projection().name();
                    // Its claims stay with this instance while it is paused, so no other instance handles
                    // events into the old generation meanwhile (a shut-down processor releases them).
                    keepClaims(name, true);
                    processor(name).filter(StreamingEventProcessor::isRunning).ifPresent(p -> {
                        paused.add(p);
                        stopping.add(p.shutdownAsync());
                    });
                }
                // Together: each takes up to a second to notice (its worker waits that long for events),
                // which one after another was most of a small rebuild's time.
                CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).join();
                for (Target target : targets) {
                    // Ours still (or taken now, if the processor had let them go): or no switch.
                    claims.addAll(Claim.take(processing, target.projection().name()));
                }
                readToHead();
                // The restarted processor goes on from its token and delivers again what the rebuild read
                // after it: those facts get their locators, so their versions count once.
                long redeliveredAfter = claims.stream().mapToLong(Claim::redeliveredAfter).min().orElse(-1);
                targets.forEach(target -> target.stores().handOverLocatorsRecordedAfter(redeliveredAfter));
                targets.forEach(target -> target.stores().returnUnusedNumbers());
                // Still ours (a pause beyond the claim timeout would have let another instance take them).
                claims.forEach(Claim::extend);
                for (Target target : targets) {
                    RebuildableProjection projection = target.projection();
                    if (!generations.activate(projection.name(), target.from(), target.generation(),
                            projection.collections(), id)) {
                        throw new IllegalStateException("Generation " + target.from() + " of " + projection.name()
                                + " is no longer the one served, or another rebuild owns generation " + target.generation());
                    }
                    // The live projection is not pointed here: it follows the pointer at its next batch.
                    rebuilding.remove(projection.name(), this);
                }
            } finally {
                targets.forEach(target -> keepClaims(target.projection().name(), false));
                if (closed) {
                    claims.forEach(Claim::release);
                } else {
                    // The restarted processors take the claims straight back (same owner); others are let go.
                    claims.stream().filter(claim -> paused.stream().noneMatch(p -> p.getName().equals(claim.processor())))
                            .forEach(Claim::release);
                    paused.forEach(StreamingEventProcessor::start);
                }
            }
        }

        private void keepClaims(String processor, boolean keep) {
            if (processing.tokenStore(processor) instanceof ClaimKeepingTokenStore tokens) {
                if (keep) {
                    tokens.keep(processor);
                } else {
                    tokens.stopKeeping(processor);
                }
            }
        }

        /** After the grace period, the generation each projection no longer serves (or a half-built one) goes. */
        private void dropReplacedGenerations() {
            LockSupport.parkNanos(settings.dropGrace().toNanos());
            if (closed) {
                return;
            }
            try {
                for (RebuildableProjection projection : projections) {
                    generations.dropAllBut(projection.collections(), generations.inUse(projection.name()));
                }
            } catch (RuntimeException e) {
                log.warn("Could not drop replaced generations of {}; the next start drops them", names(), e);
            }
        }
    }

    /** One segment of a processor, claimed in the token store by this instance outside its processor. */
    private record Claim(TokenStore tokens, org.axonframework.common.transaction.TransactionManager transactions,
                         String processor, int segment, TrackingToken token) {

        /**
         * The position after which the segment's processor may deliver events (again): its token's
         * index, or below its lowest gap (an event committing late there comes later); -1 for none.
         */
        long redeliveredAfter() {
            return TokenPositions.handledUpTo(token);
        }

        /** Claims every segment of the processor, or none: fails if another instance holds one. */
        static List<Claim> take(EventProcessingConfiguration processing, String processor) {
            TokenStore tokens = processing.tokenStore(processor);
            var transactions = processing.transactionManager(processor);
            List<Claim> taken = new ArrayList<>();
            try {
                for (int segment : transactions.fetchInTransaction(() -> tokens.fetchSegments(processor))) {
                    TrackingToken token = transactions.fetchInTransaction(() -> tokens.fetchToken(processor, segment));
                    taken.add(new Claim(tokens, transactions, processor, segment, token));
                }
            } catch (RuntimeException e) {
                taken.forEach(Claim::release);
                throw new IllegalStateException("The processor of " + processor
                        + " was taken over by another instance during the rebuild; ask that instance", e);
            }
            return taken;
        }

        void extend() {
            transactions.executeInTransaction(() -> tokens.extendClaim(processor, segment));
        }

        void release() {
            try {
                transactions.executeInTransaction(() -> tokens.releaseClaim(processor, segment));
            } catch (RuntimeException e) {
                log.warn("Could not release the claim on segment {} of {}; it times out", segment, processor, e);
            }
        }
    }
}

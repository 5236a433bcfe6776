package org.hospital.surveillance.projection.rebuild;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
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
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
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
 * projection's own handlers over the history read from the event store's tail, with buffered bulk
 * writes. The live processor meanwhile goes on updating the active generation, which the query
 * side keeps reading. Once a pass over the history finds little left to read, the rebuild pauses
 * the live processor (shut down after its current batch), reads what remains to the head (every
 * event the live processor had handled, and maybe a few more), flushes, points the projection's
 * generation document at the new generation (one atomic document write, which moves the query
 * side), points the live instance at it and restarts the processor from its own untouched token.
 * Events between that token and the rebuild's last one are handled again, which every projection
 * shrugs off (its updates are idempotent per fact version). The replaced generation is dropped
 * after a grace period.
 *
 * <p>Crash safety: until the generation document is written the live model, its processor and its
 * token are as they were; after it, the new generation already covers the processor's token. A
 * half-built or replaced generation left behind by a crash is dropped at the next start
 * ({@link #dropLeftovers}) or by the next rebuild, which starts over.
 *
 * <p>One instance at a time: the rebuild pauses the processors of this JVM only.
 */
public final class ProjectionRebuilds implements AutoCloseable {

    /** The name that rebuilds every projection in one pass over the history. */
    public static final String ALL = "all";

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);

    public enum State { LIVE, REBUILDING }

    /**
     * One projection as {@code GET /api/projections} shows it. While LIVE: the live processor's
     * position, 100 %, 0 events/s, ETA 0. While REBUILDING: the rebuild's position in the history
     * (global index of the last event read), its share of the head's index, its mean pace since it
     * started reading, and the time left at that pace (null until it has a pace).
     */
    public record Status(String name, State state, int generation, long position, double progressPercent,
                         double eventsPerSecond, Double etaSeconds) {
    }

    private final Map<String, RebuildableProjection> projections = new LinkedHashMap<>();
    private final EventStorageEngine events;
    private final EventProcessingConfiguration processing;
    private final MongoDatabase database;
    private final ReadModelGenerations generations;
    private final RebuildSettings settings;
    private final ExecutorService worker;
    private final Map<String, Rebuild> rebuilding = new ConcurrentHashMap<>();
    private final Map<String, Integer> activeGenerations = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public ProjectionRebuilds(List<RebuildableProjection> projections, EventStorageEngine events,
                              EventProcessingConfiguration processing, MongoDatabase database, RebuildSettings settings) {
        // By name, so the API lists them in a stable order.
        projections.stream().sorted(Comparator.comparing(RebuildableProjection::name))
                .forEach(p -> this.projections.put(p.name(), p));
        this.events = events;
        this.processing = processing;
        this.database = database;
        this.generations = new ReadModelGenerations(database);
        this.settings = settings;
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-rebuild");
            thread.setDaemon(true);
            return thread;
        });
        this.projections.keySet().forEach(name -> activeGenerations.put(name, generations.active(name)));
    }

    public List<String> names() {
        return List.copyOf(projections.keySet());
    }

    /** Drops every generation but the active one: what a crash during or right after a rebuild left behind. */
    public void dropLeftovers() {
        projections.values().forEach(p -> {
            List<String> dropped = generations.dropAllBut(p.collections(), activeGenerations.get(p.name()));
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
        List<RebuildableProjection> idle = named.stream().filter(p -> !rebuilding.containsKey(p.name())).toList();
        if (!idle.isEmpty()) {
            Rebuild rebuild = new Rebuild(idle);
            idle.forEach(p -> rebuilding.put(p.name(), rebuild));
            worker.execute(rebuild::run);
        }
        return named.stream().map(this::status).toList();
    }

    private Status status(RebuildableProjection projection) {
        Rebuild rebuild = rebuilding.get(projection.name());
        if (rebuild != null) {
            return rebuild.status(projection.name());
        }
        return new Status(projection.name(), State.LIVE, activeGenerations.get(projection.name()),
                livePosition(projection.name()), 100.0, 0.0, 0.0);
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

    /** One projection's part of a rebuild: the generation it fills and the copy of the projection filling it. */
    private record Target(RebuildableProjection projection, int generation, RebuildReadModelStores stores,
                          ProjectionReplica replica) {
    }

    /** One request's rebuild: one pass over the history feeds every projection it covers. */
    private final class Rebuild {

        private final List<RebuildableProjection> projections;
        private final List<Target> targets = new ArrayList<>();
        private volatile long position = -1;
        private volatile long head = -1;
        private volatile long eventsRead;
        private volatile long readingSince;
        private TrackingToken token;

        Rebuild(List<RebuildableProjection> projections) {
            this.projections = projections;
        }

        Status status(String name) {
            long at = position;
            long to = Math.max(head, at);
            double percent = to <= 0 ? (readingSince == 0 ? 0.0 : 100.0) : Math.floor(1000.0 * Math.max(at, 0) / to) / 10;
            double seconds = readingSince == 0 ? 0 : (System.nanoTime() - readingSince) / 1e9;
            double pace = seconds <= 0 ? 0.0 : Math.round(eventsRead / seconds * 10) / 10.0;
            Double eta = pace > 0 ? Math.ceil((to - Math.max(at, 0)) / pace) : null;
            return new Status(name, State.REBUILDING, activeGenerations.get(name), at, percent, pace, eta);
        }

        void run() {
            try {
                prepare();
                log.info("Rebuilding {} from the start of the history beside the live read models", names());
                readingSince = System.nanoTime();
                while (readToHead() > settings.switchWithin()) {
                    log.debug("Rebuild of {} at {} of {}", names(), position, head);
                }
                switchOver();
                log.info("Rebuilt {} from {} events at {} events/s", names(), eventsRead,
                        status(projections.get(0).name()).eventsPerSecond());
            } catch (RuntimeException | Error e) {
                log.error("Rebuild of {} failed; the live read models keep serving", names(), e);
            } finally {
                projections.forEach(p -> rebuilding.remove(p.name(), this));
            }
            dropReplacedGenerations();
        }

        private List<String> names() {
            return projections.stream().map(RebuildableProjection::name).toList();
        }

        /** The next generation of each projection, emptied of whatever an earlier rebuild left there. */
        private void prepare() {
            for (RebuildableProjection projection : projections) {
                int active = activeGenerations.get(projection.name());
                generations.dropAllBut(projection.collections(), active);
                RebuildReadModelStores stores = new RebuildReadModelStores(database, active + 1);
                targets.add(new Target(projection, active + 1, stores, new ProjectionReplica(projection, stores)));
            }
        }

        /** Reads from where the rebuild stands to the head as it is now; returns the events read. */
        private long readToHead() {
            head = headPosition();
            long read = 0;
            try (Stream<? extends TrackedEventMessage<?>> history = events.readEvents(token, false)) {
                Iterator<? extends TrackedEventMessage<?>> it = history.iterator();
                while (it.hasNext()) {
                    TrackedEventMessage<?> event = it.next();
                    targets.forEach(target -> target.replica().apply(event));
                    token = event.trackingToken();
                    position = token.position().orElse(position);
                    eventsRead++;
                    read++;
                    if (read % settings.flushEvery() == 0) {
                        flush();
                        head = Math.max(head, headPosition());
                    }
                    keepPace();
                }
            }
            flush();
            return read;
        }

        private void flush() {
            targets.forEach(target -> target.stores().flush());
        }

        private void keepPace() {
            if (settings.maxEventsPerSecond() <= 0) {
                return;
            }
            long due = readingSince + (long) (eventsRead / settings.maxEventsPerSecond() * 1e9);
            long early = due - System.nanoTime();
            if (early > 0) {
                LockSupport.parkNanos(early);
            }
            if (closed) {
                throw new IllegalStateException("The platform is shutting down");
            }
        }

        /** Pauses the live processors, reads the rest, then moves readers and live processors to the new generation. */
        private void switchOver() {
            List<StreamingEventProcessor> paused = new ArrayList<>();
            try {
                for (Target target : targets) {
                    processor(target.projection().name()).filter(StreamingEventProcessor::isRunning).ifPresent(p -> {
                        p.shutDown();
                        paused.add(p);
                    });
                }
                readToHead();
                for (Target target : targets) {
                    RebuildableProjection projection = target.projection();
                    generations.activate(projection.name(), target.generation(), projection.collections());
                    projection.writeTo(new LiveReadModelStores(database, target.generation()));
                    activeGenerations.put(projection.name(), target.generation());
                    rebuilding.remove(projection.name(), this);
                }
            } finally {
                if (!closed) {
                    paused.forEach(StreamingEventProcessor::start);
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
                    generations.dropAllBut(projection.collections(), activeGenerations.get(projection.name()));
                }
            } catch (RuntimeException e) {
                log.warn("Could not drop replaced generations of {}; the next start drops them", names(), e);
            }
        }
    }
}

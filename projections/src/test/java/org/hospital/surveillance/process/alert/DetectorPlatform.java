package org.hospital.surveillance.process.alert;

import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.hospital.surveillance.command.alert.Alert;
import org.hospital.surveillance.command.alert.AlertRepositoryConfiguration;
import org.hospital.surveillance.events.alert.ClusterAlertRaised;
import org.hospital.surveillance.events.alert.ClusterCase;
import org.hospital.surveillance.events.alert.ClusterCaseAdded;
import org.hospital.surveillance.events.alert.ClusterCaseWithdrawn;
import org.hospital.surveillance.events.census.WardCensus;
import org.hospital.surveillance.events.census.WardCensusRecorded;
import org.hospital.surveillance.events.labresult.CultureResult;
import org.hospital.surveillance.events.labresult.LabResult;
import org.hospital.surveillance.events.labresult.LabResultAmended;
import org.hospital.surveillance.events.labresult.LabResultRecorded;
import org.hospital.surveillance.events.labresult.SpecimenType;
import org.hospital.surveillance.projection.support.WireMongo;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.hospital.surveillance.rules.cluster.ClusterRule;
import org.hospital.surveillance.rules.cluster.ClusterSettings;
import org.hospital.surveillance.rules.environment.EnvironmentLimitSettings;
import org.hospital.surveillance.rules.environment.EnvironmentLimits;
import org.hospital.surveillance.rules.labresult.HospitalOnsetRule;

/**
 * The detector as the app runs it, minus Spring and JDBC: facts appended to an Axon event store
 * under their agreed aggregate ids, the detector on its tracking processor with a batch size the
 * test chooses, the real Alert aggregate behind a real command bus, and its state in a
 * mongo-java-server reached over TCP by the real sync driver. Its transactions can be made to fail
 * at commit, after the batch's writes and before its token: what a crash there does.
 */
final class DetectorPlatform implements AutoCloseable {

    static final Instant ADMITTED = Instant.parse("2026-02-15T08:00:00Z");

    private final WireMongo mongo = WireMongo.start();
    final MongoDatabase database;
    private final InMemoryTokenStore tokens = new InMemoryTokenStore();
    private final Configuration axon;
    private final Map<String, Long> sequences = new HashMap<>();
    /** Commits of the detector's batches still to fail. */
    final AtomicInteger commitsToFail = new AtomicInteger();
    final AtomicInteger failedCommits = new AtomicInteger();
    final List<Object> dispatchedCommands = Collections.synchronizedList(new ArrayList<>());

    DetectorPlatform(int batchSize) {
        database = mongo.database("detector");
        HospitalCalendar calendar = HospitalCalendar.utc();
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                // The alerts cached as the application caches them, so the detector's guarantees are checked with it.
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Alert.class)
                        .configureRepository(c -> AlertRepositoryConfiguration.alerts(c.eventStore(), 2000)));
        configurer.eventProcessing()
                .registerTokenStore(c -> tokens)
                .registerTrackingEventProcessor(AlertDetector.PROCESSING_GROUP, Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(batchSize)
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .registerTransactionManager(AlertDetector.PROCESSING_GROUP, c -> failingOnRequest())
                .registerEventHandler(c -> new AlertDetector(database, c.commandGateway(), new HospitalOnsetRule(calendar),
                        new ClusterRule(ClusterSettings.defaults(), calendar),
                        new EnvironmentLimits(EnvironmentLimitSettings.defaults()), Clock.systemUTC(),
                        () -> AlertDetector.headOf(c.eventStore())));
        axon = configurer.buildConfiguration();
        axon.commandBus().registerDispatchInterceptor(messages -> (i, m) -> {
            dispatchedCommands.add(m.getPayload());
            return m;
        });
        axon.start();
    }

    private TransactionManager failingOnRequest() {
        return () -> {
            Transaction transaction = NoTransactionManager.INSTANCE.startTransaction();
            return new Transaction() {
                @Override
                public void commit() {
                    // Only a batch's commit (inside its unit of work), not the processor's token claims.
                    if (CurrentUnitOfWork.isStarted() && commitsToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        failedCommits.incrementAndGet();
                        throw new IllegalStateException("the token's commit fails (a crash after the batch's writes)");
                    }
                    transaction.commit();
                }

                @Override
                public void rollback() {
                    transaction.rollback();
                }
            };
        };
    }

    // --- facts ---

    /** A hospital-onset MRSA culture in {@code wardId}, collected at {@code collectedAt}. */
    void mrsa(String accession, String patientId, String wardId, String collectedAt) {
        labResult(new LabResult(accession, patientId, wardId, ADMITTED, SpecimenType.BLOOD, Instant.parse(collectedAt),
                CultureResult.POSITIVE, "Staphylococcus aureus", "MRSA", List.of()));
    }

    void labResult(LabResult result) {
        String id = "lab-result:" + result.accessionNumber();
        append("LabResult", id, sequences.containsKey(id) ? new LabResultAmended(result) : new LabResultRecorded(result));
    }

    /** A fact the detector has nothing to judge in. */
    void census(String wardId, String date) {
        append("WardCensus", "ward-census:" + wardId + ":" + date,
                new WardCensusRecorded(new WardCensus(wardId, java.time.LocalDate.parse(date), 20, 1, 0, 0, 0)));
    }

    private void append(String type, String aggregateId, Object payload) {
        long sequence = sequences.merge(aggregateId, 0L, (previous, zero) -> previous + 1);
        eventStore().publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                MetaData.with("principal", "lab1").and("channel", "HTTP")));
    }

    /** A nurse's command, e.g. closing an alert. */
    void nurse(Object command) {
        axon.commandGateway().sendAndWait(command, MetaData.with("principal", "nurse1").and("channel", "HTTP")
                .and("receivedAt", "2026-03-20T08:00:00Z"));
    }

    // --- the processor ---

    void stopDetector() {
        processor().shutDown();
    }

    void startDetector() {
        processor().start();
    }

    /** The detector as after a restore: no token, no state; the history stays. */
    void forgetDetector() {
        processor().shutDown();
        tokens.storeToken(null, AlertDetector.PROCESSING_GROUP, 0);
        for (String collection : database.listCollectionNames()) {
            if (collection.startsWith("alert_detection")) {
                database.getCollection(collection).drop();
            }
        }
        processor().start();
    }

    /** Until the detector has handled everything in the store, including the alert events it appended. */
    DetectorPlatform awaitQuiet() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
            long head = head();
            return position() == head && head() == head;
        });
        return this;
    }

    private long position() {
        return processor().processingStatus().values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(-1L)).min().orElse(-1L);
    }

    private TrackingEventProcessor processor() {
        return axon.eventProcessingConfiguration()
                .eventProcessor(AlertDetector.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();
    }

    private EventStore eventStore() {
        return axon.eventStore();
    }

    private long head() {
        return AlertDetector.headOf(eventStore());
    }

    // --- looking ---

    /** Every event appended to alert streams, in append order. */
    List<Object> alertEvents() {
        List<Object> events = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore().openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                if (event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier().startsWith("alert:")) {
                    events.add(domain.getPayload());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return events;
    }

    /** Each cluster alert's members by source, as its events add up. */
    Map<String, List<String>> clusterMembers() {
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (Object event : alertEvents()) {
            if (event instanceof ClusterAlertRaised raised) {
                members.put(raised.alertId(), new ArrayList<>(raised.cases().stream().map(ClusterCase::source).toList()));
            } else if (event instanceof ClusterCaseAdded added) {
                members.get(added.alertId()).add(added.clusterCase().source());
            } else if (event instanceof ClusterCaseWithdrawn withdrawn) {
                members.get(withdrawn.alertId()).remove(withdrawn.source());
            }
        }
        members.values().forEach(Collections::sort);
        return members;
    }

    @Override
    public void close() {
        axon.shutdown();
        mongo.close();
    }
}

package org.hospital.surveillance.projection.alert;

import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.Configuration;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.common.stream.BlockingStream;
import org.bson.Document;
import org.hospital.surveillance.command.alert.Alert;
import org.hospital.surveillance.command.alert.AlertRepositoryConfiguration;
import org.hospital.surveillance.events.alert.AlertType;
import org.hospital.surveillance.events.casereport.CaseReport;
import org.hospital.surveillance.events.casereport.CaseReportAmended;
import org.hospital.surveillance.events.casereport.CaseReportRetracted;
import org.hospital.surveillance.events.casereport.CaseReported;
import org.hospital.surveillance.events.environment.EnvironmentSample;
import org.hospital.surveillance.events.environment.EnvironmentSampleAmended;
import org.hospital.surveillance.events.environment.EnvironmentSampleRecorded;
import org.hospital.surveillance.events.labresult.LabResult;
import org.hospital.surveillance.events.labresult.LabResultAmended;
import org.hospital.surveillance.events.labresult.LabResultRecorded;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorRead;
import org.hospital.surveillance.events.sterilization.IndicatorResult;
import org.hospital.surveillance.events.sterilization.SterilizationLoad;
import org.hospital.surveillance.events.sterilization.SterilizationLoadAmended;
import org.hospital.surveillance.events.sterilization.SterilizationLoadRecorded;
import org.hospital.surveillance.process.alert.AlertDetectionProcessor;
import org.hospital.surveillance.process.alert.AlertDetector;
import org.hospital.surveillance.projection.support.WireMongo;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.hospital.surveillance.rules.cluster.ClusterRule;
import org.hospital.surveillance.rules.cluster.ClusterSettings;
import org.hospital.surveillance.rules.environment.EnvironmentLimitSettings;
import org.hospital.surveillance.rules.environment.EnvironmentLimits;
import org.hospital.surveillance.rules.labresult.HospitalOnsetRule;

/**
 * The alert pipeline as the app runs it, minus Spring and JDBC: facts appended to an Axon event
 * store under their agreed aggregate ids, the detector and the board as tracking processors, the
 * real Alert aggregate behind a real command bus, and MongoDB state in a mongo-java-server reached
 * over TCP by the real sync driver.
 */
final class AlertPlatform implements AutoCloseable {

    static final MetaData NURSE = MetaData.with("principal", "nurse1").and("channel", "HTTP")
            .and("receivedAt", "2026-03-20T08:00:00Z");

    private final WireMongo mongo = WireMongo.start();
    final MongoDatabase database;
    private final InMemoryTokenStore tokens = new InMemoryTokenStore();
    private final Configuration axon;
    private final Map<String, Long> sequences = new HashMap<>();
    /** Every command the detector (or a test) dispatched, in order, as the command bus saw them. */
    final List<Object> dispatchedCommands = java.util.Collections.synchronizedList(new ArrayList<>());

    AlertPlatform() {
        this(HospitalCalendar.utc());
    }

    AlertPlatform(HospitalCalendar calendar) {
        database = mongo.database("alerts");
        AlertBoardProjection board = new AlertBoardProjection(database, calendar);
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                // The alerts cached as the application caches them, so the detector's guarantees are checked with it.
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Alert.class)
                        .configureRepository(c -> AlertRepositoryConfiguration.alerts(c.eventStore(), 2000)));
        configurer.eventProcessing()
                .registerTokenStore(c -> tokens)
                .registerTrackingEventProcessor(AlertDetector.PROCESSING_GROUP, Configuration::eventStore,
                        c -> AlertDetectionProcessor.configuration())
                .registerTrackingEventProcessor(AlertBoardProjection.PROCESSING_GROUP)
                .registerEventHandler(c -> new AlertDetector(database, c.commandGateway(), new HospitalOnsetRule(calendar),
                        new ClusterRule(ClusterSettings.defaults(), calendar),
                        new EnvironmentLimits(EnvironmentLimitSettings.defaults()), Clock.systemUTC()))
                .registerEventHandler(c -> board);
        axon = configurer.buildConfiguration();
        axon.commandBus().registerDispatchInterceptor(messages -> (i, m) -> {
            dispatchedCommands.add(m.getPayload());
            return m;
        });
        axon.start();
    }

    // --- facts, appended as the write side would: first version "recorded", later ones "amended" ---

    void labResult(LabResult result) {
        String id = "lab-result:" + result.accessionNumber();
        append("LabResult", id, sequences.containsKey(id) ? new LabResultAmended(result) : new LabResultRecorded(result));
    }

    void caseReport(CaseReport report) {
        String id = "case-report:" + report.caseId();
        append("CaseReport", id, sequences.containsKey(id) ? new CaseReportAmended(report) : new CaseReported(report));
    }

    void retract(String caseId) {
        append("CaseReport", "case-report:" + caseId, new CaseReportRetracted(caseId, "not an HAI after review"));
    }

    void environmentSample(EnvironmentSample sample) {
        String id = "environment-sample:" + sample.sampleId();
        append("EnvironmentSample", id,
                sequences.containsKey(id) ? new EnvironmentSampleAmended(sample) : new EnvironmentSampleRecorded(sample));
    }

    void sterilizationLoad(SterilizationLoad load) {
        String id = "sterilization-load:" + load.loadId();
        append("SterilizationLoad", id,
                sequences.containsKey(id) ? new SterilizationLoadAmended(load) : new SterilizationLoadRecorded(load));
    }

    void biologicalReading(String loadId, IndicatorResult result, Instant readAt) {
        append("SterilizationLoad", "sterilization-load:" + loadId, new BiologicalIndicatorRead(loadId, result, readAt));
    }

    private void append(String type, String aggregateId, Object payload) {
        long sequence = sequences.merge(aggregateId, 0L, (previous, zero) -> previous + 1);
        eventStore().publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                MetaData.with("principal", "lab1").and("channel", "HTTP")));
    }

    /** A nurse's command, e.g. closing an alert. */
    <R> R nurse(Object command) {
        return axon.commandGateway().sendAndWait(command, NURSE);
    }

    // --- waiting and looking ---

    /**
     * Waits until both processors have processed everything in the store, including what the
     * detector appended. A tracking processor reports a position only after the batch's unit of
     * work committed, and the events the detector's commands appended commit with it, so a
     * detector at the head has nothing in flight.
     */
    AlertPlatform awaitQuiet() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> {
            long head = head();
            return position(AlertDetector.PROCESSING_GROUP) == head
                    && position(AlertBoardProjection.PROCESSING_GROUP) == head
                    && head() == head;
        });
        return this;
    }

    private long position(String processingGroup) {
        return processor(processingGroup).processingStatus().values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(-1L))
                .min().orElse(-1L);
    }

    private TrackingEventProcessor processor(String processingGroup) {
        return axon.eventProcessingConfiguration()
                .eventProcessor(processingGroup, TrackingEventProcessor.class).orElseThrow();
    }

    /** Every event appended to alert streams, in append order. */
    List<DomainEventMessage<?>> alertEvents() {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore().openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                if (event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier().startsWith("alert:")) {
                    events.add(domain);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return events;
    }

    List<Object> alertPayloads() {
        return alertEvents().stream().<Object>map(EventMessage::getPayload).toList();
    }

    List<Document> board() {
        return database.getCollection(AlertBoardProjection.COLLECTION).find().into(new ArrayList<>());
    }

    List<Document> board(AlertType type) {
        return board().stream().filter(d -> type.name().equals(d.getString("type"))).toList();
    }

    Document boardAlert(String alertId) {
        return database.getCollection(AlertBoardProjection.COLLECTION).find(new Document("_id", alertId)).first();
    }

    /** Resets a processor's token to the start of the history and lets it replay everything. */
    void replay(String processingGroup) {
        TrackingEventProcessor processor = processor(processingGroup);
        processor.shutDown();
        try {
            processor.resetTokens();
        } finally {
            processor.start();
        }
    }

    /**
     * Hands the whole history to a processor again as if it had never seen it: what a crash
     * between its writes and its token's commit does to a batch, for every event at once. Unlike
     * a replay, the events are not marked as replayed, so even the alert detector handles them.
     */
    void redeliverEverything(String processingGroup) {
        TrackingEventProcessor processor = processor(processingGroup);
        processor.shutDown();
        tokens.storeToken(null, processingGroup, 0);
        processor.start();
    }

    private EventStore eventStore() {
        return axon.eventStore();
    }

    private long head() {
        return positionOf(eventStore().createHeadToken());
    }

    private static long positionOf(TrackingToken token) {
        return token == null ? -1L : token.position().orElse(-1L);
    }

    @Override
    public void close() {
        axon.shutdown();
        mongo.close();
    }
}

package org.hospital.surveillance.projection.alert;

import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.bson.Document;
import org.hospital.surveillance.events.EventMetadata;
import org.hospital.surveillance.events.alert.AlertAcknowledged;
import org.hospital.surveillance.events.alert.AlertClosed;
import org.hospital.surveillance.events.alert.AlertIds;
import org.hospital.surveillance.events.alert.AlertStatus;
import org.hospital.surveillance.events.alert.AlertType;
import org.hospital.surveillance.events.alert.ClusterAlertRaised;
import org.hospital.surveillance.events.alert.ClusterCase;
import org.hospital.surveillance.events.alert.ClusterCaseAdded;
import org.hospital.surveillance.events.alert.ClusterCaseWithdrawn;
import org.hospital.surveillance.events.alert.EnvironmentAlertRaised;
import org.hospital.surveillance.events.alert.SterilizationFailureAlertRaised;
import org.hospital.surveillance.projection.rebuild.ReadModelGenerations;
import org.hospital.surveillance.projection.support.RebuildableProjection;
import org.hospital.surveillance.projection.support.KeyedDocuments;
import org.hospital.surveillance.projection.support.ReadModelStores;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The alert board: one document per alert in {@value #COLLECTION}, built from the alert events
 * alone so it rebuilds from the history. Each document carries everything GET /api/alerts answers,
 * already derived (case count, patients, first and last case, the detail sentence), and the alert's
 * last applied sequence number, so a redelivered event is skipped.
 *
 * <p>Every applied change also stamps the document with the board's next change number
 * ({@value #FEED_POSITION}), handed out by a counter in {@value #FEED_COLLECTION}: strictly
 * increasing in the order the board applied the changes, so the alert stream can resume "after
 * change n" (the SSE id). The global event index cannot serve: an event that commits late fills a
 * gap below positions already applied. The counter survives a reset, so a rebuilt board gets
 * higher numbers and connected pages are sent the rebuilt alerts. A number taken by a change whose
 * write then failed is simply never used: the stream needs order, not contiguity.
 */
@Component
@ProcessingGroup(AlertBoardProjection.PROCESSING_GROUP)
public class AlertBoardProjection implements RebuildableProjection {

    public static final String PROCESSING_GROUP = "alert-board";
    public static final String COLLECTION = "alert_board";
    /** The board's change counter; not a read model, so a reset keeps it. */
    public static final String FEED_COLLECTION = "alert_board_feed";
    public static final String FEED_POSITION = "feedPosition";

    private final HospitalCalendar calendar;
    private volatile KeyedDocuments board;
    private volatile LongSupplier feedPositions;

    /** The live board, on the generation of its collection the read API serves. */
    @Autowired
    public AlertBoardProjection(MongoDatabase database, HospitalCalendar calendar) {
        this(ReadModelGenerations.live(database, PROCESSING_GROUP), calendar);
    }

    public AlertBoardProjection(ReadModelStores stores, HospitalCalendar calendar) {
        this.calendar = calendar;
        writeTo(stores);
    }

    @Override
    public String name() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    @Override
    public Object over(ReadModelStores stores) {
        return new AlertBoardProjection(stores, calendar);
    }

    /** An alert stays on the board once raised, and its document reflects its own stream alone. */
    @Override
    public Optional<Set<String>> streamsHeld(String collection, List<Document> documents) {
        if (!collection.equals(COLLECTION)) {
            return Optional.empty();
        }
        Set<String> streams = new LinkedHashSet<>();
        documents.forEach(alert -> streams.add(AlertIds.aggregateId(alert.getString("_id"))));
        return Optional.of(streams);
    }

    @Override
    public void writeTo(ReadModelStores stores) {
        // The alert stream asks for "changed after n"; a real MongoDB answers that from this index.
        board = stores.documents(COLLECTION, List.of(FEED_POSITION));
        feedPositions = stores.counter(FEED_COLLECTION, COLLECTION);
    }

    @EventHandler
    void on(ClusterAlertRaised event, @SequenceNumber long sequence, @Timestamp Instant raisedAt) {
        raise(event.alertId(), AlertType.CLUSTER, sequence, raisedAt, alert -> {
            alert.append("wardId", event.wardId())
                    .append("organism", event.organism())
                    .append("phenotype", event.phenotype())
                    .append("cases", event.cases().stream().map(AlertBoardProjection::caseDocument).toList());
            deriveCluster(alert);
        });
    }

    @EventHandler
    void on(EnvironmentAlertRaised event, @SequenceNumber long sequence, @Timestamp Instant raisedAt) {
        raise(event.alertId(), AlertType.ENVIRONMENT, sequence, raisedAt, alert -> alert
                .append("wardId", event.wardId())
                .append("sampleId", event.sampleId())
                .append("sampleType", event.sampleType().name())
                .append("cfu", event.cfu())
                .append("limit", event.limit())
                .append("collectedAt", date(event.collectedAt()))
                .append("detail", AlertDetails.environment(event.wardId(), event.sampleId(), event.sampleType(),
                        event.cfu(), event.limit(), calendar.dateOf(event.collectedAt()))));
    }

    @EventHandler
    void on(SterilizationFailureAlertRaised event, @SequenceNumber long sequence, @Timestamp Instant raisedAt) {
        raise(event.alertId(), AlertType.STERILIZATION_FAILURE, sequence, raisedAt, alert -> alert
                .append("loadId", event.loadId())
                .append("sterilizerId", event.sterilizerId())
                .append("failedIndicators", event.failedIndicators())
                .append("completedAt", date(event.completedAt()))
                .append("detail", AlertDetails.sterilizationFailure(event.sterilizerId(), event.loadId(),
                        event.failedIndicators(), calendar.dateOf(event.completedAt()))));
    }

    @EventHandler
    void on(ClusterCaseAdded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.alertId(), sequence, at, alert -> {
            List<Document> cases = casesOf(alert);
            cases.removeIf(c -> c.getString("source").equals(event.clusterCase().source()));
            cases.add(caseDocument(event.clusterCase()));
            alert.put("cases", cases);
            deriveCluster(alert);
        });
    }

    @EventHandler
    void on(ClusterCaseWithdrawn event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.alertId(), sequence, at, alert -> {
            List<Document> cases = casesOf(alert);
            cases.removeIf(c -> c.getString("source").equals(event.source()));
            alert.put("cases", cases);
            deriveCluster(alert);
        });
    }

    @EventHandler
    void on(AlertAcknowledged event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(EventMetadata.PRINCIPAL) String principal) {
        change(event.alertId(), sequence, at, alert -> alert
                .append("status", AlertStatus.ACKNOWLEDGED.name())
                .append("acknowledgedBy", principal)
                .append("acknowledgedAt", date(at))
                .append("note", event.note()));
    }

    /** The note shown is the latest one given: the closing note, or the acknowledging one if closing gave none. */
    @EventHandler
    void on(AlertClosed event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(EventMetadata.PRINCIPAL) String principal) {
        change(event.alertId(), sequence, at, alert -> {
            alert.append("status", AlertStatus.CLOSED.name())
                    .append("closedBy", principal)
                    .append("closedAt", date(at))
                    .append("outcome", event.outcome().name());
            if (event.note() != null) {
                alert.put("note", event.note());
            }
        });
    }

    @ResetHandler
    void reset() {
        board.clear();
        // The emptied board is a change: readers that kept the board (GET /api/alerts) see the counter move.
        feedPositions.getAsLong();
    }

    private void raise(String alertId, AlertType type, long sequence, Instant raisedAt, Consumer<Document> details) {
        if (board.find(alertId) != null) {
            return; // redelivered: the alert's later events may already have changed the document
        }
        Document alert = new Document("_id", alertId)
                .append("alertId", alertId)
                .append("type", type.name())
                .append("status", AlertStatus.OPEN.name())
                .append("raisedAt", date(raisedAt))
                .append("updatedAt", date(raisedAt))
                .append("lastSequence", sequence);
        details.accept(alert);
        alert.append(FEED_POSITION, feedPositions.getAsLong());
        board.save(alert);
    }

    /** Applies a later event of the alert; {@code updatedAt} lets a change feed find what changed since it last looked. */
    private void change(String alertId, long sequence, Instant at, Consumer<Document> change) {
        Document alert = board.find(alertId);
        if (alert == null || alert.getLong("lastSequence") >= sequence) {
            return;
        }
        change.accept(alert);
        alert.put("lastSequence", sequence);
        alert.put("updatedAt", date(at));
        alert.put(FEED_POSITION, feedPositions.getAsLong());
        board.save(alert);
    }

    /** Case count (distinct patients), the patients, the first and last case dates and the sentence, from the cases. */
    private void deriveCluster(Document alert) {
        List<Document> cases = casesOf(alert);
        cases.sort(Comparator.comparing((Document c) -> c.getDate("caseAt")).thenComparing(c -> c.getString("source")));
        TreeSet<String> patients = new TreeSet<>();
        cases.forEach(c -> patients.add(c.getString("patientId")));
        Date first = cases.isEmpty() ? null : cases.get(0).getDate("caseAt");
        Date last = cases.isEmpty() ? null : cases.get(cases.size() - 1).getDate("caseAt");
        alert.append("cases", cases)
                .append("caseCount", patients.size())
                .append("patientIds", new ArrayList<>(patients))
                .append("firstCaseAt", first)
                .append("lastCaseAt", last)
                .append("detail", AlertDetails.cluster(alert.getString("wardId"), alert.getString("organism"),
                        alert.getString("phenotype"), patients.size(), dateOf(first), dateOf(last)));
    }

    private LocalDate dateOf(Date date) {
        return date == null ? null : calendar.dateOf(date.toInstant());
    }

    private static List<Document> casesOf(Document alert) {
        return new ArrayList<>(alert.getList("cases", Document.class, List.of()));
    }

    private static Document caseDocument(ClusterCase c) {
        return new Document("source", c.source()).append("patientId", c.patientId()).append("caseAt", date(c.caseAt()));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}

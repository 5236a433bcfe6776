package org.hospital.surveillance.command.alert;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.hospital.surveillance.events.alert.AlertIds;
import org.hospital.surveillance.events.EventMetadata;
import org.hospital.surveillance.events.alert.AlertAcknowledged;
import org.hospital.surveillance.events.alert.AlertClosed;
import org.hospital.surveillance.events.alert.AlertStatus;
import org.hospital.surveillance.events.alert.AlertType;
import org.hospital.surveillance.events.alert.ClusterAlertRaised;
import org.hospital.surveillance.events.alert.ClusterCase;
import org.hospital.surveillance.events.alert.ClusterCaseAdded;
import org.hospital.surveillance.events.alert.ClusterCaseWithdrawn;
import org.hospital.surveillance.events.alert.CloseOutcome;
import org.hospital.surveillance.events.alert.EnvironmentAlertRaised;
import org.hospital.surveillance.events.alert.SterilizationFailureAlertRaised;

/**
 * One alert's lifecycle, keyed {@code alert:<alertId>}. Alert ids are deterministic, so the
 * detector may raise the same alert any number of times (redelivery, replay): only the first
 * raise appends an event. Every handler returns the alert's status after handling.
 */
@Aggregate(repository = "alertRepository")
public class Alert {

    /** Orders cluster cases by case date, then source, so the events come out the same each time. */
    private static final Comparator<ClusterCase> BY_DATE_THEN_SOURCE =
            Comparator.comparing(ClusterCase::caseAt).thenComparing(ClusterCase::source);

    @AggregateIdentifier
    private String aggregateId;
    private String alertId;
    private AlertType type;
    private AlertStatus status;
    private CloseOutcome outcome;
    /** Current members of a cluster alert, by source. */
    private final Map<String, ClusterCase> cases = new LinkedHashMap<>();

    protected Alert() {
        // Axon creates the instance, then sources or handles into it
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AlertStatus handle(RaiseClusterAlert command, MetaData metaData) {
        if (status == null) {
            List<ClusterCase> sorted = command.cases().stream().sorted(BY_DATE_THEN_SOURCE).toList();
            apply(new ClusterAlertRaised(command.alertId(), command.wardId(), command.organism(),
                    command.phenotype(), sorted), eventMetaData(metaData));
        }
        return status;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AlertStatus handle(RaiseEnvironmentAlert command, MetaData metaData) {
        if (status == null) {
            apply(new EnvironmentAlertRaised(command.alertId(), command.wardId(), command.sampleId(),
                    command.sampleType(), command.cfu(), command.limit(), command.collectedAt()),
                    eventMetaData(metaData));
        }
        return status;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AlertStatus handle(RaiseSterilizationFailureAlert command, MetaData metaData) {
        if (status == null) {
            apply(new SterilizationFailureAlertRaised(command.alertId(), command.loadId(), command.sterilizerId(),
                    command.failedIndicators(), command.completedAt()), eventMetaData(metaData));
        }
        return status;
    }

    /** Appends only the difference to the current members; a closed alert's members are frozen. */
    @CommandHandler
    public AlertStatus handle(UpdateClusterCases command, MetaData metaData) {
        if (type != AlertType.CLUSTER) {
            throw new IllegalArgumentException("Alert " + alertId + " is not a cluster alert");
        }
        if (status == AlertStatus.CLOSED) {
            return status;
        }
        Map<String, ClusterCase> wanted = new LinkedHashMap<>();
        command.cases().stream().sorted(BY_DATE_THEN_SOURCE).forEach(c -> wanted.put(c.source(), c));
        MetaData eventMetaData = eventMetaData(metaData);
        // A case whose date or patient was amended leaves and re-joins, so the board sees its new version.
        List<String> leaving = cases.values().stream()
                .filter(current -> !current.equals(wanted.get(current.source())))
                .map(ClusterCase::source)
                .sorted()
                .toList();
        leaving.forEach(source -> apply(new ClusterCaseWithdrawn(alertId, source), eventMetaData));
        wanted.values().stream()
                .filter(c -> !cases.containsKey(c.source()))
                .forEach(c -> apply(new ClusterCaseAdded(alertId, c), eventMetaData));
        return status;
    }

    @CommandHandler
    public AlertStatus handle(AcknowledgeAlert command, MetaData metaData) {
        if (status == AlertStatus.CLOSED) {
            throw new AlertConflictException("Alert " + alertId + " is already closed (" + outcome + ")");
        }
        if (status == AlertStatus.OPEN) {
            apply(new AlertAcknowledged(alertId, command.note()), eventMetaData(metaData));
        }
        return status;
    }

    @CommandHandler
    public AlertStatus handle(CloseAlert command, MetaData metaData) {
        Objects.requireNonNull(command.outcome(), "outcome");
        if (status == AlertStatus.CLOSED) {
            if (outcome != command.outcome()) {
                throw new AlertConflictException(
                        "Alert " + alertId + " is already closed as " + outcome + ", not " + command.outcome());
            }
            return status;
        }
        apply(new AlertClosed(alertId, command.outcome(), command.note()), eventMetaData(metaData));
        return status;
    }

    @EventSourcingHandler
    void on(ClusterAlertRaised event) {
        raised(event.alertId(), AlertType.CLUSTER);
        event.cases().forEach(c -> cases.put(c.source(), c));
    }

    @EventSourcingHandler
    void on(EnvironmentAlertRaised event) {
        raised(event.alertId(), AlertType.ENVIRONMENT);
    }

    @EventSourcingHandler
    void on(SterilizationFailureAlertRaised event) {
        raised(event.alertId(), AlertType.STERILIZATION_FAILURE);
    }

    @EventSourcingHandler
    void on(ClusterCaseAdded event) {
        cases.put(event.clusterCase().source(), event.clusterCase());
    }

    @EventSourcingHandler
    void on(ClusterCaseWithdrawn event) {
        cases.remove(event.source());
    }

    @EventSourcingHandler
    void on(AlertAcknowledged event) {
        status = AlertStatus.ACKNOWLEDGED;
    }

    @EventSourcingHandler
    void on(AlertClosed event) {
        status = AlertStatus.CLOSED;
        outcome = event.outcome();
    }

    private void raised(String id, AlertType alertType) {
        this.aggregateId = AlertIds.aggregateId(id);
        this.alertId = id;
        this.type = alertType;
        this.status = AlertStatus.OPEN;
    }

    /**
     * The events carry who asked, through which channel and when it was received, copied from the
     * command explicitly so the alert board can show who acknowledged or closed an alert whatever
     * correlation-data providers the application registers.
     */
    private static MetaData eventMetaData(MetaData commandMetaData) {
        return commandMetaData.subset(EventMetadata.PRINCIPAL, EventMetadata.CHANNEL, EventMetadata.RECEIVED_AT);
    }
}

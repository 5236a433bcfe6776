package org.hospital.surveillance.projection.compliance;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.hospital.surveillance.events.environment.EnvironmentSampleAmended;
import org.hospital.surveillance.events.environment.EnvironmentSampleRecorded;
import org.hospital.surveillance.projection.rebuild.ReadModelGenerations;
import org.hospital.surveillance.projection.support.FactPlacer;
import org.hospital.surveillance.projection.support.FigureProjection;
import org.hospital.surveillance.projection.support.ReadModelStores;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.hospital.surveillance.rules.environment.EnvironmentLimits;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Keeps {@value #BUCKETS} up to date from the environment-sample stream. */
@Component
@ProcessingGroup(EnvironmentComplianceProjection.PROCESSING_GROUP)
public class EnvironmentComplianceProjection extends FigureProjection {

    public static final String PROCESSING_GROUP = "environment-compliance";
    /** One document per ward and month: the read API's collection. */
    public static final String BUCKETS = "environment_compliance_by_ward_month";
    /** One locator per sample. */
    public static final String FACTS = "environment_compliance_facts";

    private final HospitalCalendar calendar;
    private final EnvironmentLimits limits;
    private volatile ComplianceLedger ledger;

    /** The live projection, on the generation of its collections the read API serves. */
    @Autowired
    public EnvironmentComplianceProjection(MongoDatabase database, HospitalCalendar calendar, EnvironmentLimits limits) {
        this(ReadModelGenerations.live(database, PROCESSING_GROUP), calendar, limits);
    }

    public EnvironmentComplianceProjection(ReadModelStores stores, HospitalCalendar calendar, EnvironmentLimits limits) {
        super(PROCESSING_GROUP, BUCKETS, FACTS, List.of("month", "wardId"));
        this.calendar = calendar;
        this.limits = limits;
        writeTo(stores);
    }

    @Override
    public Object over(ReadModelStores stores) {
        return new EnvironmentComplianceProjection(stores, calendar, limits);
    }

    @Override
    protected void useLedgerOver(FactPlacer placer) {
        ledger = new ComplianceLedger(placer, calendar, limits);
    }

    @EventHandler
    public void on(EnvironmentSampleRecorded event, @SequenceNumber long sequence) {
        ledger.sample(event.sample(), sequence);
    }

    @EventHandler
    public void on(EnvironmentSampleAmended event, @SequenceNumber long sequence) {
        ledger.sample(event.sample(), sequence);
    }
}

package org.hospital.surveillance.projection.sterilization;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorRead;
import org.hospital.surveillance.events.sterilization.SterilizationLoadAmended;
import org.hospital.surveillance.events.sterilization.SterilizationLoadRecorded;
import org.hospital.surveillance.projection.rebuild.ReadModelGenerations;
import org.hospital.surveillance.projection.support.FactPlacer;
import org.hospital.surveillance.projection.support.FigureProjection;
import org.hospital.surveillance.projection.support.ReadModelStores;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Keeps {@value #BUCKETS} up to date from the sterilization-load stream. */
@Component
@ProcessingGroup(SterilizationComplianceProjection.PROCESSING_GROUP)
public class SterilizationComplianceProjection extends FigureProjection {

    public static final String PROCESSING_GROUP = "sterilization-compliance";
    /** One document per sterilizer and month: the read API's collection. */
    public static final String BUCKETS = "sterilization_compliance_by_sterilizer_month";
    /** One locator per load, holding the load and its late biological reading. */
    public static final String FACTS = "sterilization_compliance_facts";

    private final HospitalCalendar calendar;
    private volatile SterilizationLedger ledger;

    /** The live projection, on the generation of its collections the read API serves. */
    @Autowired
    public SterilizationComplianceProjection(MongoDatabase database, HospitalCalendar calendar) {
        this(ReadModelGenerations.live(database, PROCESSING_GROUP), calendar);
    }

    public SterilizationComplianceProjection(ReadModelStores stores, HospitalCalendar calendar) {
        super(PROCESSING_GROUP, BUCKETS, FACTS, List.of("month", "sterilizerId"));
        this.calendar = calendar;
        writeTo(stores);
    }

    @Override
    public Object over(ReadModelStores stores) {
        return new SterilizationComplianceProjection(stores, calendar);
    }

    @Override
    protected void useLedgerOver(FactPlacer placer) {
        ledger = new SterilizationLedger(placer, calendar);
    }

    @EventHandler
    public void on(SterilizationLoadRecorded event, @SequenceNumber long sequence) {
        ledger.load(event.load(), sequence);
    }

    @EventHandler
    public void on(SterilizationLoadAmended event, @SequenceNumber long sequence) {
        ledger.load(event.load(), sequence);
    }

    @EventHandler
    public void on(BiologicalIndicatorRead event, @SequenceNumber long sequence) {
        ledger.biologicalReading(event.loadId(), event.result(), event.readAt(), sequence);
    }
}

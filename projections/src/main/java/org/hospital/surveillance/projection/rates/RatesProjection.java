package org.hospital.surveillance.projection.rates;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.hospital.surveillance.events.casereport.CaseReportAmended;
import org.hospital.surveillance.events.casereport.CaseReportRetracted;
import org.hospital.surveillance.events.casereport.CaseReported;
import org.hospital.surveillance.events.census.WardCensusCorrected;
import org.hospital.surveillance.events.census.WardCensusRecorded;
import org.hospital.surveillance.projection.rebuild.ReadModelGenerations;
import org.hospital.surveillance.projection.support.FactPlacer;
import org.hospital.surveillance.projection.support.FigureProjection;
import org.hospital.surveillance.projection.support.ReadModelStores;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Keeps {@value #BUCKETS} up to date from the census and case-report streams. */
@Component
@ProcessingGroup(RatesProjection.PROCESSING_GROUP)
public class RatesProjection extends FigureProjection {

    public static final String PROCESSING_GROUP = "rates";
    /** One document per ward and month: the read API's collection. */
    public static final String BUCKETS = "rates_by_ward_month";
    /** One locator per census day and per case report. */
    public static final String FACTS = "rates_facts";

    private final HospitalCalendar calendar;
    private volatile RatesLedger ledger;

    /** The live projection, on the generation of its collections the read API serves. */
    @Autowired
    public RatesProjection(MongoDatabase database, HospitalCalendar calendar) {
        this(ReadModelGenerations.live(database, PROCESSING_GROUP), calendar);
    }

    public RatesProjection(ReadModelStores stores, HospitalCalendar calendar) {
        super(PROCESSING_GROUP, BUCKETS, FACTS, List.of("month", "wardId"));
        this.calendar = calendar;
        writeTo(stores);
    }

    @Override
    public Object over(ReadModelStores stores) {
        return new RatesProjection(stores, calendar);
    }

    @Override
    protected void useLedgerOver(FactPlacer placer) {
        ledger = new RatesLedger(placer, calendar);
    }

    @EventHandler
    public void on(WardCensusRecorded event, @SequenceNumber long sequence) {
        ledger.census(event.census(), sequence);
    }

    @EventHandler
    public void on(WardCensusCorrected event, @SequenceNumber long sequence) {
        ledger.census(event.census(), sequence);
    }

    @EventHandler
    public void on(CaseReported event, @SequenceNumber long sequence) {
        ledger.caseReport(event.report(), sequence);
    }

    @EventHandler
    public void on(CaseReportAmended event, @SequenceNumber long sequence) {
        ledger.caseReport(event.report(), sequence);
    }

    @EventHandler
    public void on(CaseReportRetracted event, @SequenceNumber long sequence) {
        ledger.retraction(event.caseId(), sequence);
    }
}

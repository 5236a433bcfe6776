package org.hospital.surveillance.projection.rates;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.hospital.surveillance.events.casereport.CaseReportAmended;
import org.hospital.surveillance.events.casereport.CaseReportRetracted;
import org.hospital.surveillance.events.casereport.CaseReported;
import org.hospital.surveillance.events.census.WardCensusCorrected;
import org.hospital.surveillance.events.census.WardCensusRecorded;
import org.hospital.surveillance.projection.support.FactBook;
import org.hospital.surveillance.projection.support.FactPlacer;
import org.hospital.surveillance.projection.support.MongoFactBook;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.springframework.stereotype.Component;

/** Keeps {@value #BUCKETS} up to date from the census and case-report streams. */
@Component
@ProcessingGroup(RatesProjection.PROCESSING_GROUP)
public class RatesProjection {

    public static final String PROCESSING_GROUP = "rates";
    /** One document per ward and month: the read API's collection. */
    public static final String BUCKETS = "rates_by_ward_month";
    /** One locator per census day and per case report. */
    public static final String FACTS = "rates_facts";

    private final FactBook book;
    private final RatesLedger ledger;

    public RatesProjection(MongoDatabase database, HospitalCalendar calendar) {
        this.book = new MongoFactBook(database, BUCKETS, FACTS, List.of("month", "wardId"));
        this.ledger = new RatesLedger(new FactPlacer(book), calendar);
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

    @ResetHandler
    public void reset() {
        book.clear();
    }
}

package org.hospital.surveillance.projection.compliance;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.hospital.surveillance.events.environment.EnvironmentSampleAmended;
import org.hospital.surveillance.events.environment.EnvironmentSampleRecorded;
import org.hospital.surveillance.projection.support.FactBook;
import org.hospital.surveillance.projection.support.FactPlacer;
import org.hospital.surveillance.projection.support.MongoFactBook;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.hospital.surveillance.rules.environment.EnvironmentLimits;
import org.springframework.stereotype.Component;

/** Keeps {@value #BUCKETS} up to date from the environment-sample stream. */
@Component
@ProcessingGroup(EnvironmentComplianceProjection.PROCESSING_GROUP)
public class EnvironmentComplianceProjection {

    public static final String PROCESSING_GROUP = "environment-compliance";
    /** One document per ward and month: the read API's collection. */
    public static final String BUCKETS = "environment_compliance_by_ward_month";
    /** One locator per sample. */
    public static final String FACTS = "environment_compliance_facts";

    private final FactBook book;
    private final ComplianceLedger ledger;

    public EnvironmentComplianceProjection(MongoDatabase database, HospitalCalendar calendar, EnvironmentLimits limits) {
        this.book = new MongoFactBook(database, BUCKETS, FACTS, List.of("month", "wardId"));
        this.ledger = new ComplianceLedger(new FactPlacer(book), calendar, limits);
    }

    @EventHandler
    public void on(EnvironmentSampleRecorded event, @SequenceNumber long sequence) {
        ledger.sample(event.sample(), sequence);
    }

    @EventHandler
    public void on(EnvironmentSampleAmended event, @SequenceNumber long sequence) {
        ledger.sample(event.sample(), sequence);
    }

    @ResetHandler
    public void reset() {
        book.clear();
    }
}

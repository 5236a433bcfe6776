package org.hospital.surveillance.command.casereport;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.hospital.surveillance.command.WriteOutcome;
import org.hospital.surveillance.events.StreamKeys;
import org.hospital.surveillance.events.casereport.CaseReport;
import org.hospital.surveillance.events.casereport.CaseReportAmended;
import org.hospital.surveillance.events.casereport.CaseReportRetracted;
import org.hospital.surveillance.events.casereport.CaseReported;

/** One reported case: its latest report, and whether it was retracted. */
@Aggregate
public class CaseReportAggregate {
    @AggregateIdentifier
    private String id;
    private CaseReport report;
    private boolean retracted;

    protected CaseReportAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WriteOutcome handle(ReportCase command) {
        if (retracted) {
            throw new CaseAlreadyRetracted(report.caseId());
        }
        return WriteOutcome.decide(report, command.report(), CaseReported::new, CaseReportAmended::new);
    }

    /**
     * Only for a reported case (Axon answers an unknown one with AggregateNotFoundException).
     * Retracting twice appends nothing the second time; the first reason stands.
     */
    @CommandHandler
    public WriteOutcome handle(RetractCaseReport command) {
        if (retracted) {
            return WriteOutcome.DUPLICATE;
        }
        apply(new CaseReportRetracted(report.caseId(), command.reason()));
        return WriteOutcome.RECORDED;
    }

    @EventSourcingHandler
    void on(CaseReported event) {
        id = StreamKeys.caseReport(event.caseId());
        report = event.report();
    }

    @EventSourcingHandler
    void on(CaseReportAmended event) {
        report = event.report();
    }

    @EventSourcingHandler
    void on(CaseReportRetracted event) {
        retracted = true;
    }
}

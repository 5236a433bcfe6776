package org.hospital.surveillance.projection.rates;

import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.hospital.surveillance.events.StreamKeys;
import org.hospital.surveillance.events.casereport.CaseCategory;
import org.hospital.surveillance.events.casereport.CaseReport;
import org.hospital.surveillance.events.census.WardCensus;
import org.hospital.surveillance.projection.support.Bucket;
import org.hospital.surveillance.projection.support.FactPlacer;
import org.hospital.surveillance.projection.support.FactRef;
import org.hospital.surveillance.projection.support.Placement;
import org.hospital.surveillance.projection.support.Transition;
import org.hospital.surveillance.rules.HospitalCalendar;

/**
 * What each census and case-report event does to the rates read model, free of Axon and MongoDB.
 *
 * <p>Bucket {@code {wardId, month}} holds {@code census.<date>} (that day's counts; a correction
 * replaces the day) and {@code cases.<caseId>} (one entry per HAI case with onset in the month;
 * an amendment moves it, a retraction removes it, a later amendment brings it back).
 */
public final class RatesLedger {

    static final String CENSUS = "census";
    static final String CASES = "cases";
    private static final String REPORT = "report";

    private final FactPlacer placer;
    private final HospitalCalendar calendar;

    public RatesLedger(FactPlacer placer, HospitalCalendar calendar) {
        this.placer = Objects.requireNonNull(placer, "placer");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    /** A census, first recorded or corrected: the latest version of the day counts. */
    public void census(WardCensus census, long sequence) {
        FactRef day = new FactRef(StreamKeys.wardCensus(census.wardId(), census.date()), CENSUS,
                census.date().toString());
        Document counts = new Document("patientsPresent", census.patientsPresent())
                .append("admissions", census.admissions())
                .append("centralLineDays", census.centralLineDays())
                .append("urinaryCatheterDays", census.urinaryCatheterDays())
                .append("ventilatorDays", census.ventilatorDays());
        Placement placement = new Placement(Bucket.wardMonth(census.wardId(), YearMonth.from(census.date())), counts);
        placer.apply(day, CENSUS, sequence, state -> Transition.countsIn(placement));
    }

    /** A case report, first reported or amended: it counts where its latest version says. */
    public void caseReport(CaseReport report, long sequence) {
        placer.apply(caseFact(report.caseId()), REPORT, sequence,
                state -> placementOf(report).map(Transition::countsIn).orElseGet(Transition::countsNowhere));
    }

    /** A retracted case no longer counts anywhere. */
    public void retraction(String caseId, long sequence) {
        placer.apply(caseFact(caseId), REPORT, sequence, state -> Transition.countsNowhere());
    }

    private static FactRef caseFact(String caseId) {
        return new FactRef(StreamKeys.caseReport(caseId), CASES, caseId);
    }

    /** HAI cases count in the ward and the month (hospital zone) of their onset; notifiable diseases do not. */
    private Optional<Placement> placementOf(CaseReport report) {
        if (report.category() != CaseCategory.HAI || report.onsetAt() == null || report.wardId() == null) {
            return Optional.empty();
        }
        Document entry = new Document("onsetDate", calendar.dateOf(report.onsetAt()).toString())
                .append("infectionSite", report.infectionSite() == null ? null : report.infectionSite().name())
                .append("device", report.deviceAssociation() == null ? null : report.deviceAssociation().name());
        return Optional.of(new Placement(Bucket.wardMonth(report.wardId(), calendar.monthOf(report.onsetAt())), entry));
    }
}

package org.hospital.surveillance.query.whatif;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hospital.surveillance.events.alert.ClusterCase;
import org.hospital.surveillance.query.whatif.WhatIfQuestion.Group;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.hospital.surveillance.rules.cluster.ClusterRule;

/**
 * The what-if alerts beside the cluster alerts the live rule raised in the period (those with a
 * current case dated in it), matched on ward, organism and phenotype as the question groups them
 * (ward ignored in scope HOSPITAL, phenotype ignored matching on ORGANISM):
 * {@code same} (both), {@code extra} (what-if only), {@code missing} (live only).
 */
record ClusterComparison(List<Matched> same, List<WhatIfAlert> extra, List<LiveAlert> missing) {

    /** Which came first, by the case date each rule's threshold was reached on. */
    enum Timing { EARLIER, SAME, LATER }

    /**
     * A what-if alert and the live alerts of its group (more than one when nurses closed a cluster
     * and the key formed another; the what-if, with no nurses, has one). {@code timing},
     * {@code formedDaysEarlier} = live {@code formedOn} - what-if {@code formedOn} and
     * {@code firstCaseDaysEarlier} = live first case date - what-if first case date compare with
     * the earliest live alert: positive days mean the what-if rule fired (or reaches back) earlier.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Matched(WhatIfAlert whatIf, List<LiveAlert> live, Timing timing, Long formedDaysEarlier,
                   long firstCaseDaysEarlier) {
    }

    /**
     * A live cluster alert in the fields of GET /api/alerts (its cases as they stand now), plus
     * {@code formedOn}: the case date its cases reach the live rule's threshold on (absent if
     * retractions or amendments left it below the threshold).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LiveAlert(String alertId, String type, String wardId, String organism, String phenotype, int caseCount,
                     List<String> patientIds, Instant firstCaseAt, Instant lastCaseAt, String status, Instant raisedAt,
                     LocalDate formedOn) {
    }

    static ClusterComparison of(WhatIfQuestion question, List<WhatIfAlert> whatIf, List<LiveClusterAlert> live,
                                ClusterRule liveRule, HospitalCalendar calendar) {
        Map<Group, List<LiveAlert>> liveByGroup = new LinkedHashMap<>();
        live.stream()
                .filter(a -> a.cases().stream().anyMatch(c -> question.inPeriod(c.caseAt())))
                .sorted(Comparator.comparing((LiveClusterAlert a) -> a.cases().stream().map(ClusterCase::caseAt)
                        .min(Comparator.naturalOrder()).orElseThrow()).thenComparing(LiveClusterAlert::alertId))
                .forEach(a -> liveByGroup.computeIfAbsent(question.groupOf(a.key()), g -> new ArrayList<>())
                        .add(view(a, liveRule)));
        List<Matched> same = new ArrayList<>();
        List<WhatIfAlert> extra = new ArrayList<>();
        for (WhatIfAlert alert : whatIf) {
            List<LiveAlert> matching = liveByGroup.remove(alert.group());
            if (matching == null) {
                extra.add(alert);
            } else {
                same.add(matched(alert, matching, calendar));
            }
        }
        List<LiveAlert> missing = liveByGroup.values().stream().flatMap(List::stream).toList();
        return new ClusterComparison(same, extra, missing);
    }

    private static Matched matched(WhatIfAlert whatIf, List<LiveAlert> live, HospitalCalendar calendar) {
        LiveAlert firstFormed = live.stream().filter(a -> a.formedOn() != null)
                .min(Comparator.comparing(LiveAlert::formedOn)).orElse(null);
        Long formedDaysEarlier = firstFormed == null ? null
                : ChronoUnit.DAYS.between(whatIf.formedOn(), firstFormed.formedOn());
        Timing timing = formedDaysEarlier == null ? null
                : formedDaysEarlier > 0 ? Timing.EARLIER : formedDaysEarlier == 0 ? Timing.SAME : Timing.LATER;
        LocalDate liveFirstCase = live.stream().map(a -> calendar.dateOf(a.firstCaseAt())).min(Comparator.naturalOrder())
                .orElseThrow();
        long firstCaseDaysEarlier = ChronoUnit.DAYS.between(calendar.dateOf(whatIf.firstCaseAt()), liveFirstCase);
        return new Matched(whatIf, live, timing, formedDaysEarlier, firstCaseDaysEarlier);
    }

    private static LiveAlert view(LiveClusterAlert alert, ClusterRule liveRule) {
        List<ClusterCase> cases = alert.cases().stream().sorted(WhatIfClusters.BY_DATE_THEN_SOURCE).toList();
        TreeSet<String> patients = new TreeSet<>();
        cases.forEach(c -> patients.add(c.patientId()));
        LocalDate formedOn = liveRule.formationDate(cases.stream().map(WhatIfClusters::candidate).toList()).orElse(null);
        return new LiveAlert(alert.alertId(), "CLUSTER", alert.wardId(), alert.organism(), alert.phenotype(),
                patients.size(), List.copyOf(patients), cases.get(0).caseAt(), cases.get(cases.size() - 1).caseAt(),
                alert.status(), alert.raisedAt(), formedOn);
    }
}

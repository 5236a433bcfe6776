package org.hospital.surveillance.query.whatif;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hospital.surveillance.events.alert.ClusterCase;
import org.hospital.surveillance.query.whatif.WhatIfQuestion.Group;
import org.hospital.surveillance.query.whatif.WhatIfQuestion.Match;
import org.hospital.surveillance.query.whatif.WhatIfQuestion.Scope;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.hospital.surveillance.rules.cluster.CandidateCase;
import org.hospital.surveillance.rules.cluster.ClusterCandidate;
import org.hospital.surveillance.rules.cluster.ClusterRule;

/**
 * The live detector's rule ({@link ClusterRule}) with the question's settings, run over the
 * period's cases grouped the question's way. Pure: no store is read or written, no command sent.
 *
 * <p>A what-if has no nurses, so no cluster is ever closed: each group has at most one cluster,
 * which every later case of the period joins (as the live alert does while open).
 */
final class WhatIfClusters {

    static final Comparator<ClusterCase> BY_DATE_THEN_SOURCE =
            Comparator.comparing(ClusterCase::caseAt).thenComparing(ClusterCase::source);

    private WhatIfClusters() {
    }

    static List<WhatIfAlert> of(WhatIfQuestion question, List<ClusterCandidate> cases, HospitalCalendar calendar) {
        ClusterRule rule = new ClusterRule(question.settings(), calendar);
        Map<Group, List<ClusterCandidate>> groups = new LinkedHashMap<>();
        cases.forEach(c -> groups.computeIfAbsent(question.groupOf(c.key()), g -> new ArrayList<>()).add(c));
        List<WhatIfAlert> alerts = new ArrayList<>();
        groups.forEach((group, groupCases) -> {
            List<CandidateCase> candidates = groupCases.stream().map(c -> candidate(c.clusterCase())).toList();
            Set<String> members = rule.openClusterMembers(candidates);
            if (!members.isEmpty()) {
                List<ClusterCandidate> cluster = groupCases.stream()
                        .filter(c -> members.contains(c.clusterCase().source()))
                        .sorted(Comparator.comparing(ClusterCandidate::clusterCase, BY_DATE_THEN_SOURCE))
                        .toList();
                alerts.add(alert(question, group, cluster, rule.formationDate(candidates).orElseThrow(), calendar));
            }
        });
        alerts.sort(Comparator.comparing(WhatIfAlert::firstCaseAt)
                .thenComparing(a -> Objects.toString(a.group().wardId(), ""))
                .thenComparing(a -> a.group().organism())
                .thenComparing(a -> Objects.toString(a.group().phenotype(), "")));
        return alerts;
    }

    static CandidateCase candidate(ClusterCase c) {
        return new CandidateCase(c.source(), c.patientId(), c.caseAt());
    }

    /** Organism and phenotype are shown as spelled in the cluster's earliest case, as the live alert shows them. */
    private static WhatIfAlert alert(WhatIfQuestion question, Group group, List<ClusterCandidate> cluster,
                                     LocalDate formedOn, HospitalCalendar calendar) {
        ClusterCandidate earliest = cluster.get(0);
        ClusterCandidate latest = cluster.stream()
                .max(Comparator.comparing(ClusterCandidate::clusterCase, BY_DATE_THEN_SOURCE)).orElseThrow();
        TreeSet<String> patients = new TreeSet<>();
        TreeSet<String> wards = new TreeSet<>();
        Map<String, String> phenotypes = new TreeMap<>();
        for (ClusterCandidate c : cluster) {
            patients.add(c.clusterCase().patientId());
            wards.add(c.key().wardId());
            if (c.phenotype() != null) {
                phenotypes.putIfAbsent(c.key().phenotype(), c.phenotype());
            }
        }
        boolean wardScope = question.scope() == Scope.WARD;
        boolean byPhenotype = question.match() == Match.ORGANISM_AND_PHENOTYPE;
        String what = byPhenotype
                ? earliest.organism() + (earliest.phenotype() == null ? "" : " (" + earliest.phenotype() + ")")
                : earliest.organism() + (phenotypes.isEmpty() ? "" : " (any phenotype: " + String.join(", ", phenotypes.values()) + ")");
        String where = wardScope ? "ward " + group.wardId() : (wards.size() == 1 ? "ward " : "wards ") + String.join(", ", wards);
        LocalDate first = calendar.dateOf(earliest.clusterCase().caseAt());
        LocalDate last = calendar.dateOf(latest.clusterCase().caseAt());
        String detail = patients.size() + " patients in " + where + " with hospital-onset " + what + ", case dates "
                + (first.equals(last) ? "on " + first : "between " + first + " and " + last)
                + ": this rule (" + question.settings().threshold() + " patients within "
                + question.settings().windowDays() + " days) is met on " + formedOn + ".";
        return new WhatIfAlert("CLUSTER",
                wardScope ? group.wardId() : null,
                wardScope ? null : List.copyOf(wards),
                earliest.organism(),
                byPhenotype ? earliest.phenotype() : null,
                byPhenotype ? null : List.copyOf(phenotypes.values()),
                patients.size(),
                List.copyOf(patients),
                earliest.clusterCase().caseAt(),
                latest.clusterCase().caseAt(),
                formedOn,
                detail,
                group);
    }
}

package org.hospital.surveillance.rules.cluster;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hospital.surveillance.rules.HospitalCalendar;

/**
 * The cluster rule for the cases of one {@link ClusterKey}.
 *
 * <p>The cluster forms on the earliest case date d on which the cases dated in [d - W, d] come
 * from at least T distinct patients (W = windowDays, T = threshold; dates are calendar dates in
 * the hospital zone). Its members are every case dated on or after d - W: the forming cases plus
 * every later one, which joins while the alert is open. Anchoring on the earliest such d makes
 * the answer a function of the set of cases alone, whatever order they arrived in.
 */
public final class ClusterRule {

    private final ClusterSettings settings;
    private final HospitalCalendar calendar;

    public ClusterRule(ClusterSettings settings, HospitalCalendar calendar) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    /**
     * The sources of the open cluster's members, sorted; empty if the cases form no cluster.
     *
     * @param eligible the key's cases, one per source, without those that belong to a CLOSED
     *        cluster of the key (a closed cluster's cases do not count again)
     */
    public Set<String> openClusterMembers(Collection<CandidateCase> eligible) {
        List<DatedCase> byDate = byDate(eligible);
        LocalDate formedOn = formationDate(byDate);
        if (formedOn == null) {
            return Set.of();
        }
        LocalDate windowStart = formedOn.minusDays(settings.windowDays());
        TreeSet<String> members = new TreeSet<>();
        for (DatedCase dated : byDate) {
            if (!dated.date().isBefore(windowStart)) {
                members.add(dated.candidate().source());
            }
        }
        return Collections.unmodifiableSet(members);
    }

    /**
     * The case date on which the cases first reach the threshold (the d of the rule): when an alert
     * with these settings would have fired, in case-date terms. Empty if they form no cluster.
     */
    public Optional<LocalDate> formationDate(Collection<CandidateCase> eligible) {
        return Optional.ofNullable(formationDate(byDate(eligible)));
    }

    private List<DatedCase> byDate(Collection<CandidateCase> cases) {
        return cases.stream()
                .map(c -> new DatedCase(calendar.dateOf(c.caseAt()), c))
                .sorted(Comparator.comparing(DatedCase::date))
                .toList();
    }

    /** The number of distinct patients among the cases (the cluster's case count). */
    public static long distinctPatients(Collection<CandidateCase> cases) {
        return cases.stream().map(CandidateCase::patientId).distinct().count();
    }

    /**
     * The earliest case date d whose window [d - W, d] holds T distinct patients, or null. One pass
     * over the cases in date order, the window's patients counted in a map as it slides.
     */
    private LocalDate formationDate(List<DatedCase> byDate) {
        Map<String, Integer> casesPerPatient = new HashMap<>();
        int oldest = 0;
        int next = 0;
        while (next < byDate.size()) {
            LocalDate day = byDate.get(next).date();
            for (; next < byDate.size() && byDate.get(next).date().equals(day); next++) {
                casesPerPatient.merge(byDate.get(next).candidate().patientId(), 1, Integer::sum);
            }
            LocalDate windowStart = day.minusDays(settings.windowDays());
            for (; byDate.get(oldest).date().isBefore(windowStart); oldest++) {
                casesPerPatient.merge(byDate.get(oldest).candidate().patientId(), -1,
                        (count, minusOne) -> count == 1 ? null : count + minusOne);
            }
            if (casesPerPatient.size() >= settings.threshold()) {
                return day;
            }
        }
        return null;
    }

    private record DatedCase(LocalDate date, CandidateCase candidate) {
    }
}

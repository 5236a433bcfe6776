package org.hospital.surveillance.rules.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.hospital.surveillance.rules.HospitalCalendar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterRuleTest {

    private final ClusterRule defaults = new ClusterRule(ClusterSettings.defaults(), HospitalCalendar.utc());

    // --- forming a cluster ---------------------------------------------------------------------

    @Test
    void threeDistinctPatientsWithinFourteenDaysCluster() {
        List<CandidateCase> cases = List.of(
                at("L-1", "P-1", "2026-03-01"),
                at("L-2", "P-2", "2026-03-05"),
                at("L-3", "P-3", "2026-03-09"));

        assertThat(defaults.openClusterMembers(cases)).containsExactlyInAnyOrder("L-1", "L-2", "L-3");
    }

    @Test
    void twoPatientsAreNoCluster() {
        List<CandidateCase> cases = List.of(at("L-1", "P-1", "2026-03-01"), at("L-2", "P-2", "2026-03-02"));

        assertThat(defaults.openClusterMembers(cases)).isEmpty();
    }

    @Test
    void noCasesNoCluster() {
        assertThat(defaults.openClusterMembers(List.of())).isEmpty();
    }

    @Test
    void threePatientsOnTheSameDayCluster() {
        List<CandidateCase> cases = List.of(
                at("L-1", "P-1", "2026-03-05"), at("L-2", "P-2", "2026-03-05"), at("L-3", "P-3", "2026-03-05"));

        assertThat(defaults.openClusterMembers(cases)).containsExactlyInAnyOrder("L-1", "L-2", "L-3");
    }

    @Test
    void casesExactlyFourteenDaysApartCluster() {
        // 1 March to 15 March is 14 days: at most 14 days apart.
        List<CandidateCase> cases = List.of(
                at("L-1", "P-1", "2026-03-01"),
                at("L-2", "P-2", "2026-03-08"),
                at("L-3", "P-3", "2026-03-15"));

        assertThat(defaults.openClusterMembers(cases)).containsExactlyInAnyOrder("L-1", "L-2", "L-3");
    }

    @Test
    void casesFifteenDaysApartDoNotCluster() {
        List<CandidateCase> cases = List.of(
                at("L-1", "P-1", "2026-03-01"),
                at("L-2", "P-2", "2026-03-08"),
                at("L-3", "P-3", "2026-03-16"));

        assertThat(defaults.openClusterMembers(cases)).isEmpty();
    }

    @Test
    void theWindowCountsCalendarDatesNotHours() {
        // 00:01 on 1 March to 23:59 on 15 March is almost 15 days of clock time, but 14 calendar days.
        List<CandidateCase> cases = List.of(
                new CandidateCase("L-1", "P-1", Instant.parse("2026-03-01T00:01:00Z")),
                at("L-2", "P-2", "2026-03-08"),
                new CandidateCase("L-3", "P-3", Instant.parse("2026-03-15T23:59:00Z")));

        assertThat(defaults.openClusterMembers(cases)).containsExactlyInAnyOrder("L-1", "L-2", "L-3");
    }

    @Test
    void theSamePatientTwiceCountsOnce() {
        List<CandidateCase> cases = List.of(
                at("L-1", "P-1", "2026-03-01"),
                at("C-1", "P-1", "2026-03-03"),
                at("L-2", "P-2", "2026-03-05"));

        assertThat(defaults.openClusterMembers(cases)).isEmpty();
    }

    @Test
    void aThirdPatientCompletesTheClusterAndEverySpecimenOfItsPatientsIsAMember() {
        List<CandidateCase> cases = List.of(
                at("L-1", "P-1", "2026-03-01"),
                at("C-1", "P-1", "2026-03-03"),
                at("L-2", "P-2", "2026-03-05"),
                at("L-3", "P-3", "2026-03-06"));

        Set<String> members = defaults.openClusterMembers(cases);

        assertThat(members).containsExactlyInAnyOrder("L-1", "C-1", "L-2", "L-3");
        assertThat(ClusterRule.distinctPatients(membersOf(cases, members))).isEqualTo(3);
    }

    @Test
    void threeSpecimensOfOnePatientAreNoCluster() {
        List<CandidateCase> cases = List.of(
                at("L-1", "P-1", "2026-03-01"), at("L-2", "P-1", "2026-03-01"), at("L-3", "P-1", "2026-03-02"));

        assertThat(defaults.openClusterMembers(cases)).isEmpty();
    }

    @Test
    void aChainOfCasesEachWithinFourteenDaysOfTheNextButSpanningMoreIsNoCluster() {
        // 1 -> 10 -> 19 March: 9 days between neighbours, 18 from first to last.
        List<CandidateCase> cases = List.of(
                at("L-1", "P-1", "2026-03-01"),
                at("L-2", "P-2", "2026-03-10"),
                at("L-3", "P-3", "2026-03-19"));

        assertThat(defaults.openClusterMembers(cases)).isEmpty();
    }

    @Test
    void aChainClustersOnceThreePatientsFitOneWindowAndTheFirstLinkStaysOut() {
        // The window ending 20 March is [6 March, 20 March]: P-2, P-3, P-4. P-1 (1 March) is outside.
        List<CandidateCase> cases = List.of(
                at("L-1", "P-1", "2026-03-01"),
                at("L-2", "P-2", "2026-03-10"),
                at("L-3", "P-3", "2026-03-19"),
                at("L-4", "P-4", "2026-03-20"));

        assertThat(defaults.openClusterMembers(cases)).containsExactlyInAnyOrder("L-2", "L-3", "L-4");
    }

    @Test
    void aPhenotypeDifferenceSplitsTheCasesIntoKeysThatDoNotCluster() {
        Map<ClusterKey, List<CandidateCase>> byKey = new LinkedHashMap<>();
        byKey.computeIfAbsent(ClusterKey.of("ICU-1", "Staphylococcus aureus", "MRSA"), k -> new ArrayList<>())
                .add(at("L-1", "P-1", "2026-03-01"));
        byKey.computeIfAbsent(ClusterKey.of("ICU-1", "staphylococcus aureus ", "mrsa"), k -> new ArrayList<>())
                .add(at("L-2", "P-2", "2026-03-02"));
        byKey.computeIfAbsent(ClusterKey.of("ICU-1", "Staphylococcus aureus", null), k -> new ArrayList<>())
                .add(at("L-3", "P-3", "2026-03-03"));

        assertThat(byKey).hasSize(2);
        assertThat(byKey.values()).allSatisfy(cases -> assertThat(defaults.openClusterMembers(cases)).isEmpty());
    }

    // --- growing, and who is not a member ------------------------------------------------------

    @Test
    void aLaterCaseJoinsTheOpenCluster() {
        List<CandidateCase> formed = List.of(
                at("L-1", "P-1", "2026-03-01"), at("L-2", "P-2", "2026-03-05"), at("L-3", "P-3", "2026-03-09"));
        List<CandidateCase> grown = new ArrayList<>(formed);
        grown.add(at("L-4", "P-4", "2026-03-20"));

        assertThat(defaults.openClusterMembers(grown)).containsExactlyInAnyOrder("L-1", "L-2", "L-3", "L-4");
    }

    @Test
    void aCaseMonthsLaterStillJoinsWhileTheClusterIsOpen() {
        List<CandidateCase> cases = List.of(
                at("L-1", "P-1", "2026-03-01"), at("L-2", "P-2", "2026-03-05"), at("L-3", "P-3", "2026-03-09"),
                at("L-4", "P-4", "2026-12-25"));

        assertThat(defaults.openClusterMembers(cases)).containsExactlyInAnyOrder("L-1", "L-2", "L-3", "L-4");
    }

    /**
     * Three patients on 1, 10 and 15 March form a cluster on 15 March ([1 March, 15 March]); an earlier
     * case L-0 is a member only if it lies in the formation window of the whole set.
     */
    @ParameterizedTest(name = "{2}: L-0 for {0} on {1} -> {3}")
    @CsvSource(delimiter = ';', value = {
            // 14 Feb is 15 days before 1 March: it never shares a window with two other patients
            "P-0; 2026-02-14; another patient more than the window before; L-1 L-2 L-3",
            // an older specimen of a member patient counts no more than the patient does
            "P-1; 2026-02-01; a member patient's older specimen; L-1 L-2 L-3",
            // [24 Feb, 10 Mar] now holds P-0, P-1, P-2: the cluster forms on 10 March and takes in 28 Feb
            "P-0; 2026-02-28; another patient close enough to form an earlier window; L-0 L-1 L-2 L-3"})
    void anEarlierCaseIsAMemberOnlyInsideTheFormationWindow(String patientId, String date, String situation,
            String expectedMembers) {
        List<CandidateCase> cases = List.of(
                at("L-0", patientId, date),
                at("L-1", "P-1", "2026-03-01"),
                at("L-2", "P-2", "2026-03-10"),
                at("L-3", "P-3", "2026-03-15"));

        assertThat(defaults.openClusterMembers(cases)).isEqualTo(Set.of(expectedMembers.split(" ")));
    }

    @Test
    void aLateArrivingEarlierCasePullsTheClusterStartBackAndAddsTheCasesItReaches() {
        // Without L-5: the window ending 26 March, [12 March, 26 March], is the first with three patients;
        // L-1 (10 March) is outside.
        List<CandidateCase> before = new ArrayList<>(List.of(
                at("L-1", "P-1", "2026-03-10"),
                at("L-2", "P-2", "2026-03-20"),
                at("L-3", "P-3", "2026-03-25"),
                at("L-4", "P-4", "2026-03-26")));
        assertThat(defaults.openClusterMembers(before)).containsExactlyInAnyOrder("L-2", "L-3", "L-4");

        // L-5, collected 15 March but recorded later: the window ending 20 March, [6 March, 20 March],
        // now holds P-1, P-5, P-2, so the cluster forms on 20 March and L-1 becomes a member.
        before.add(at("L-5", "P-5", "2026-03-15"));
        assertThat(defaults.openClusterMembers(before)).containsExactlyInAnyOrder("L-1", "L-5", "L-2", "L-3", "L-4");
    }

    @Test
    void afterAClosedClusterTheRemainingCasesNeedAThresholdOfTheirOwn() {
        // The caller leaves out the closed cluster's cases; the rest start from zero.
        List<CandidateCase> remaining = new ArrayList<>(List.of(
                at("L-4", "P-4", "2026-04-01"), at("L-5", "P-5", "2026-04-03")));
        assertThat(defaults.openClusterMembers(remaining)).isEmpty();

        remaining.add(at("L-6", "P-6", "2026-04-10"));
        assertThat(defaults.openClusterMembers(remaining)).containsExactlyInAnyOrder("L-4", "L-5", "L-6");
    }

    // --- order independence ---------------------------------------------------------------------

    /**
     * Formation: the first window with three patients ends 15 March ([1 March, 15 March]: P-1, P-2, P-3);
     * earlier windows hold at most two (the one ending 1 March: P-8 and P-1). Members are every case
     * dated 1 March or later; P-9 (1 Feb) and P-8 (20 Feb) are not.
     */
    private static final List<CandidateCase> MIXED = List.of(
            at("L-91", "P-9", "2026-02-01"),
            at("L-81", "P-8", "2026-02-20"),
            at("L-11", "P-1", "2026-03-01"),
            at("C-11", "P-1", "2026-03-01"),
            at("L-21", "P-2", "2026-03-10"),
            at("L-31", "P-3", "2026-03-15"),
            at("L-22", "P-2", "2026-03-15"),
            at("L-41", "P-4", "2026-04-30"),
            at("L-51", "P-5", "2026-06-01"));
    private static final Set<String> MIXED_MEMBERS = Set.of("L-11", "C-11", "L-21", "L-31", "L-22", "L-41", "L-51");

    @Test
    void theMembersOfTheMixedHistoryAreTheHandComputedOnes() {
        Set<String> members = defaults.openClusterMembers(MIXED);

        assertThat(members).isEqualTo(MIXED_MEMBERS);
        assertThat(ClusterRule.distinctPatients(membersOf(MIXED, members))).isEqualTo(5);
    }

    @Test
    void anyArrivalOrderGivesTheSameMembers() {
        Random random = new Random(20260301L);
        List<CandidateCase> shuffled = new ArrayList<>(MIXED);
        for (int i = 0; i < 500; i++) {
            Collections.shuffle(shuffled, random);
            assertThat(defaults.openClusterMembers(shuffled)).as("order %s", shuffled).isEqualTo(MIXED_MEMBERS);
        }
        Collections.reverse(shuffled);
        assertThat(defaults.openClusterMembers(shuffled)).isEqualTo(MIXED_MEMBERS);
    }

    @Test
    void theSlidingWindowAgreesWithTheDefinitionReadLiterallyOnRandomHistories() {
        // The reference below evaluates the definition word for word (every case date d, every case
        // re-counted); it shares no code with the rule's one-pass window.
        Random random = new Random(42L);
        for (int i = 0; i < 3000; i++) {
            int windowDays = 1 + random.nextInt(20);
            int threshold = 1 + random.nextInt(5);
            List<CandidateCase> cases = new ArrayList<>();
            int size = random.nextInt(25);
            for (int c = 0; c < size; c++) {
                Instant caseAt = Instant.parse("2026-03-01T00:00:00Z").plusSeconds(random.nextInt(60 * 24 * 3600));
                cases.add(new CandidateCase("S-" + c, "P-" + random.nextInt(8), caseAt));
            }
            ClusterRule rule = new ClusterRule(new ClusterSettings(windowDays, threshold), HospitalCalendar.utc());

            assertThat(rule.openClusterMembers(cases))
                    .as("W=%d T=%d %s", windowDays, threshold, cases)
                    .isEqualTo(byDefinition(cases, windowDays, threshold));
        }
    }

    // --- settings ------------------------------------------------------------------------------

    /** P-1 1 Mar, P-2 5 Mar, P-3 12 Mar, P-4 14 Mar, P-5 16 Mar. */
    private static final List<CandidateCase> FIVE = List.of(
            at("L-1", "P-1", "2026-03-01"),
            at("L-2", "P-2", "2026-03-05"),
            at("L-3", "P-3", "2026-03-12"),
            at("L-4", "P-4", "2026-03-14"),
            at("L-5", "P-5", "2026-03-16"));

    @ParameterizedTest(name = "window {0} days, threshold {1}: {2}")
    @CsvSource(delimiter = ';', value = {
            // forms 12 March: [26 Feb, 12 Mar] holds P-1, P-2, P-3
            "14; 3; L-1 L-2 L-3 L-4 L-5",
            // windows ending 5, 12, 14 March hold two patients each; [9 Mar, 16 Mar] holds P-3, P-4, P-5
            "7;  3; L-3 L-4 L-5",
            // forms later, 14 March ([28 Feb, 14 Mar] holds P-1..P-4), and still takes the whole window
            "14; 4; L-1 L-2 L-3 L-4 L-5",
            // never reached: [2 Mar, 16 Mar] holds only P-2..P-5
            "14; 5; ''",
            // [11 Mar, 14 Mar] is the first window with two patients (P-3, P-4)
            "3;  2; L-3 L-4 L-5",
            // every case forms a cluster on its own
            "14; 1; L-1 L-2 L-3 L-4 L-5"})
    void windowAndThresholdComeFromTheSettings(int windowDays, int threshold, String expectedMembers) {
        ClusterRule rule = new ClusterRule(new ClusterSettings(windowDays, threshold), HospitalCalendar.utc());

        assertThat(rule.openClusterMembers(FIVE))
                .isEqualTo(expectedMembers.isEmpty() ? Set.of() : Set.of(expectedMembers.split(" ")));
    }

    // --- hospital zone -------------------------------------------------------------------------

    @Test
    void caseDatesAreTakenInTheHospitalZone() {
        // Shanghai (UTC+8) dates: 2, 8, 16 March (14 days). UTC dates: 1, 8, 16 March (15 days).
        List<CandidateCase> cases = List.of(
                new CandidateCase("L-1", "P-1", Instant.parse("2026-03-01T16:30:00Z")),
                new CandidateCase("L-2", "P-2", Instant.parse("2026-03-08T10:00:00Z")),
                new CandidateCase("L-3", "P-3", Instant.parse("2026-03-16T15:00:00Z")));
        ClusterRule shanghai = new ClusterRule(ClusterSettings.defaults(), new HospitalCalendar(ZoneId.of("Asia/Shanghai")));

        assertThat(shanghai.openClusterMembers(cases)).containsExactlyInAnyOrder("L-1", "L-2", "L-3");
        assertThat(defaults.openClusterMembers(cases)).isEmpty();
    }

    @Test
    void aCaseAfterLocalMidnightCanFallOutOfTheWindowThatUtcWouldKeep() {
        // Shanghai dates: 1, 8, 16 March (15 days). UTC dates: 1, 8, 15 March (14 days).
        List<CandidateCase> cases = List.of(
                new CandidateCase("L-1", "P-1", Instant.parse("2026-03-01T10:00:00Z")),
                new CandidateCase("L-2", "P-2", Instant.parse("2026-03-08T10:00:00Z")),
                new CandidateCase("L-3", "P-3", Instant.parse("2026-03-15T16:30:00Z")));
        ClusterRule shanghai = new ClusterRule(ClusterSettings.defaults(), new HospitalCalendar(ZoneId.of("Asia/Shanghai")));

        assertThat(shanghai.openClusterMembers(cases)).isEmpty();
        assertThat(defaults.openClusterMembers(cases)).containsExactlyInAnyOrder("L-1", "L-2", "L-3");
    }

    // --- the answer itself ---------------------------------------------------------------------

    @Test
    void theMembersCannotBeChangedByTheCaller() {
        Set<String> members = defaults.openClusterMembers(FIVE);

        assertThatThrownBy(() -> members.add("L-99")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> defaults.openClusterMembers(List.of()).add("L-99")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void distinctPatientsCountsEachPatientOnce() {
        assertThat(ClusterRule.distinctPatients(List.of())).isZero();
        assertThat(ClusterRule.distinctPatients(List.of(
                at("L-1", "P-1", "2026-03-01"), at("C-1", "P-1", "2026-03-02"), at("L-2", "P-2", "2026-03-02"))))
                .isEqualTo(2);
    }

    @Test
    void aCaseNeedsASourceAPatientAndATime() {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        assertThatNullPointerException().isThrownBy(() -> new CandidateCase(null, "P-1", now));
        assertThatNullPointerException().isThrownBy(() -> new CandidateCase("L-1", null, now));
        assertThatNullPointerException().isThrownBy(() -> new CandidateCase("L-1", "P-1", null));
    }

    // --- the formation date (when an alert with these settings would have fired) ---------------

    @Test
    void formationDateIsTheDateTheThresholdIsReached() {
        // 1, 5, 12 March: the third patient on 12 March brings [26 Feb, 12 Mar] to three; the 14th adds a fourth.
        List<CandidateCase> cases = List.of(
                at("L-1", "P-1", "2026-03-01"), at("L-2", "P-2", "2026-03-05"),
                at("L-3", "P-3", "2026-03-12"), at("L-4", "P-4", "2026-03-14"));

        assertThat(defaults.formationDate(cases)).contains(LocalDate.parse("2026-03-12"));
    }

    @Test
    void aShorterWindowFormsLaterOrNotAtAll() {
        List<CandidateCase> cases = List.of(
                at("L-1", "P-1", "2026-03-01"), at("L-2", "P-2", "2026-03-05"),
                at("L-3", "P-3", "2026-03-12"), at("L-4", "P-4", "2026-03-14"), at("L-5", "P-5", "2026-03-16"));
        ClusterRule sevenDays = new ClusterRule(new ClusterSettings(7, 3), HospitalCalendar.utc());

        // [9 Mar, 16 Mar] holds P-3, P-4, P-5; no earlier 7-day window holds three.
        assertThat(sevenDays.formationDate(cases)).contains(LocalDate.parse("2026-03-16"));
        assertThat(sevenDays.formationDate(cases.subList(0, 4))).isEmpty();
    }

    @Test
    void noClusterNoFormationDate() {
        assertThat(defaults.formationDate(List.of(at("L-1", "P-1", "2026-03-01"), at("L-2", "P-1", "2026-03-02"),
                at("L-3", "P-2", "2026-03-03")))).isEmpty();
        assertThat(defaults.formationDate(List.of())).isEmpty();
    }

    private static CandidateCase at(String source, String patientId, String date) {
        return new CandidateCase(source, patientId, Instant.parse(date + "T10:00:00Z"));
    }

    private static List<CandidateCase> membersOf(Collection<CandidateCase> cases, Set<String> sources) {
        return cases.stream().filter(c -> sources.contains(c.source())).toList();
    }

    /** The cluster definition of NOTES.md evaluated literally, in UTC. */
    private static Set<String> byDefinition(List<CandidateCase> cases, int windowDays, int threshold) {
        List<LocalDate> dates = cases.stream().map(c -> utcDate(c)).distinct().sorted().toList();
        for (LocalDate d : dates) {
            LocalDate from = d.minusDays(windowDays);
            long patients = cases.stream()
                    .filter(c -> !utcDate(c).isBefore(from) && !utcDate(c).isAfter(d))
                    .map(CandidateCase::patientId).distinct().count();
            if (patients >= threshold) {
                return cases.stream().filter(c -> !utcDate(c).isBefore(from)).map(CandidateCase::source)
                        .collect(Collectors.toSet());
            }
        }
        return Set.of();
    }

    private static LocalDate utcDate(CandidateCase c) {
        return c.caseAt().atZone(ZoneId.of("UTC")).toLocalDate();
    }
}

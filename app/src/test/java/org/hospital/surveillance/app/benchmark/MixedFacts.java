package org.hospital.surveillance.app.benchmark;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The facts a hospital's systems send, as JSON bodies of the write API, every one a new fact (a
 * 201). Per 100: 50 lab results (nine in ten negative, the positives community-onset so the load
 * itself raises no cluster), 15 ward census days, 15 environment samples (one in thirty over its
 * limit), 10 sterilization loads (one in a hundred failing its Bowie-Dick test), 10 HAI case
 * reports; over 40 wards. {@code run} keeps the keys of two loads on one store apart.
 */
final class MixedFacts {

    static final int WARDS = 40;
    private static final Instant FIRST = Instant.parse("2026-01-05T00:00:00Z");
    private static final LocalDate FIRST_DAY = LocalDate.of(2020, 1, 1);

    private final String run;

    MixedFacts(String run) {
        this.run = run;
    }

    /** The n-th fact of the mix. */
    HttpLoad.Call fact(int n) {
        int slot = n % 100;
        String ward = "MW-" + (n % WARDS);
        // Facts a few seconds apart in hospital time, within the past.
        String at = FIRST.plusSeconds(n * 7L % 20_000_000).toString();
        if (slot < 50) {
            return labResult(n, ward, at);
        }
        if (slot < 65) {
            // Census days are unique per ward and date: the k-th census is ward k mod 40, day k / 40.
            int k = (n / 100) * 15 + slot - 50;
            return new HttpLoad.Call("nurse1", "/api/ward-census", String.format(Locale.ROOT,
                    "{\"wardId\":\"%s-CW-%d\",\"date\":\"%s\",\"patientsPresent\":%d,\"admissions\":%d,"
                            + "\"centralLineDays\":3,\"urinaryCatheterDays\":4,\"ventilatorDays\":2}",
                    run, k % WARDS, FIRST_DAY.plusDays(k / WARDS), 20 + k % 10, 2 + k % 3));
        }
        if (slot < 80) {
            double cfu = n % 200 == 65 ? 9 : n % 4;
            return new HttpLoad.Call("nurse1", "/api/environment-samples", String.format(Locale.ROOT,
                    "{\"sampleId\":\"%s-E-%d\",\"wardId\":\"%s\",\"sampleType\":\"AIR\",\"environmentClass\":\"II\","
                            + "\"cfu\":%s,\"collectedAt\":\"%s\"}", run, n, ward, cfu, at));
        }
        if (slot < 90) {
            return new HttpLoad.Call("nurse1", "/api/sterilization-loads", String.format(Locale.ROOT,
                    "{\"loadId\":\"%s-S-%d\",\"sterilizerId\":\"%s-S%d\",\"cycleType\":\"PREVACUUM_STEAM\",\"completedAt\":\"%s\","
                            + "\"bowieDick\":\"%s\",\"chemicalIndicator\":\"PASS\",\"biologicalIndicator\":\"PASS\",\"packs\":30}",
                    run, n, run, n % 10, at, n % 100 == 80 && n % 1000 == 80 ? "FAIL" : "PASS"));
        }
        return new HttpLoad.Call("nurse1", "/api/case-reports", String.format(Locale.ROOT,
                "{\"caseId\":\"%s-C-%d\",\"patientId\":\"P-%d\",\"wardId\":\"%s\",\"category\":\"HAI\",\"infectionSite\":\"BSI\","
                        + "\"onsetAt\":\"%s\",\"deviceAssociation\":\"CENTRAL_LINE\"}", run, n, n % 20_000, ward, at));
    }

    /** A single lab result, the interface engine's commonest fact: the ingest measure sends only these. */
    HttpLoad.Call labResult(int n) {
        return labResult(n, "MW-" + (n % WARDS), FIRST.plusSeconds(n * 7L % 20_000_000).toString());
    }

    private HttpLoad.Call labResult(int n, String ward, String at) {
        boolean positive = n % 10 == 3;
        // Collected a day after admission: community onset, so no load culture counts towards a cluster.
        String admitted = Instant.parse(at).minus(1, ChronoUnit.DAYS).toString();
        String result = positive ? "\"result\":\"POSITIVE\",\"organism\":\"Escherichia coli\",\"phenotype\":\"ESBL\""
                : "\"result\":\"NEGATIVE\"";
        return new HttpLoad.Call("lab1", "/api/lab-results", String.format(Locale.ROOT,
                "{\"accessionNumber\":\"%s-L-%d\",\"patientId\":\"P-%d\",\"wardId\":\"%s\",\"admittedAt\":\"%s\","
                        + "\"specimenType\":\"BLOOD\",\"collectedAt\":\"%s\",%s}", run, n, n % 20_000, ward, admitted, at, result));
    }

    /**
     * The p-th (1..3) case of a cluster in its own ward: a hospital-onset MRSA blood culture of a
     * third patient, two days apart, admitted twenty days before; the third completes the cluster.
     */
    static HttpLoad.Call clusterCase(String ward, int p) {
        Instant collected = Instant.parse("2026-03-10T10:00:00Z").minus(3 - p, ChronoUnit.DAYS);
        return new HttpLoad.Call("lab1", "/api/lab-results", String.format(Locale.ROOT,
                "{\"accessionNumber\":\"%s-K-%d\",\"patientId\":\"%s-P-%d\",\"wardId\":\"%s\",\"admittedAt\":\"%s\","
                        + "\"specimenType\":\"BLOOD\",\"collectedAt\":\"%s\",\"result\":\"POSITIVE\","
                        + "\"organism\":\"Staphylococcus aureus\",\"phenotype\":\"MRSA\"}",
                ward, p, ward, p, ward, collected.minus(20, ChronoUnit.DAYS), collected));
    }
}

package org.hospital.surveillance.app.figures;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A realistic March 2026 for three wards, a neonatal unit and three sterilizers, in the order the
 * hospital would submit it. The expected figures are worked out by hand in
 * {@link FiguresIntegrationTest}; the comments here say what each fact is for.
 */
final class MarchHistory {

    private final List<Submission> submissions = new ArrayList<>();
    private final Map<String, Integer> postsPerFact = new LinkedHashMap<>();

    static List<Submission> submissions() {
        MarchHistory march = new MarchHistory();
        march.census();
        march.caseReports();
        march.environmentSamples();
        march.sterilizationLoads();
        march.lateChanges();
        return List.copyOf(march.submissions);
    }

    /**
     * Every day of March for three wards, the same counts each day (patients, admissions,
     * central-line, urinary-catheter, ventilator days):
     * ICU-1 (18, 2, 6, 8, 4), MED-3 (30, 5, 2, 4, 0), SURG-2 (24, 6, 1, 3, 0).
     * The 1 April census of ICU-1 belongs to April.
     */
    private void census() {
        for (int day = 1; day <= 31; day++) {
            LocalDate date = LocalDate.of(2026, 3, day);
            census("ICU-1", date, 18, 2, 6, 8, 4);
            census("MED-3", date, 30, 5, 2, 4, 0);
            census("SURG-2", date, 24, 6, 1, 3, 0);
        }
        census("ICU-1", LocalDate.of(2026, 4, 1), 17, 1, 5, 7, 3);
    }

    private void caseReports() {
        hai("C-101", "ICU-1", "2026-03-04T08:00:00Z", "PNEU", "VENTILATOR");
        hai("C-102", "ICU-1", "2026-03-09T14:00:00Z", "BSI", "CENTRAL_LINE");
        hai("C-103", "ICU-1", "2026-03-15T02:00:00Z", "BSI", "CENTRAL_LINE");
        hai("C-104", "ICU-1", "2026-03-20T10:00:00Z", "UTI", "URINARY_CATHETER");
        hai("C-105", "ICU-1", "2026-03-25T10:00:00Z", "SSI", null);
        hai("C-106", "ICU-1", "2026-03-28T10:00:00Z", "PNEU", "VENTILATOR");      // retracted below
        notifiable("C-107", "ICU-1", "2026-03-12T09:00:00Z");                     // never counts in the rates
        hai("C-108", "ICU-1", "2026-04-02T09:00:00Z", "BSI", "CENTRAL_LINE");     // April onset
        hai("C-109", "ICU-1", "2026-03-18T09:00:00Z", "UTI", null);               // amended below: MED-3, catheter
        hai("C-110", "MED-3", "2026-03-12T09:00:00Z", "GI", null);
        hai("C-111", "NICU-4", "2026-03-18T09:00:00Z", "BSI", "CENTRAL_LINE");    // a ward with no census
    }

    private void environmentSamples() {
        // ICU-1 air, class II, limit 4.0 per plate: 2.0, 4.0 (exactly at the limit), 3.0, 5.0, 1.0.
        sample("E-101", "ICU-1", "AIR", "environmentClass", "II", 2.0, "2026-03-03T09:00:00Z");
        sample("E-102", "ICU-1", "AIR", "environmentClass", "II", 4.0, "2026-03-10T09:00:00Z");
        sample("E-103", "ICU-1", "AIR", "environmentClass", "II", 3.0, "2026-03-17T09:00:00Z");
        sample("E-104", "ICU-1", "AIR", "environmentClass", "II", 5.0, "2026-03-24T09:00:00Z");
        sample("E-105", "ICU-1", "AIR", "environmentClass", "II", 1.0, "2026-03-31T09:00:00Z");
        // ICU-1 surfaces, class I, limit 5.0: 5.0 (at the limit), 3.0.
        sample("E-111", "ICU-1", "SURFACE", "environmentClass", "I", 5.0, "2026-03-05T09:00:00Z");
        sample("E-112", "ICU-1", "SURFACE", "environmentClass", "I", 3.0, "2026-03-19T09:00:00Z");
        // ICU-1 hands: surgical (limit 5) 6.0, amended below to 4.0; hygienic (limit 10) 10.0.
        sample("E-121", "ICU-1", "HANDS", "handDisinfection", "SURGICAL", 6.0, "2026-03-06T07:00:00Z");
        sample("E-122", "ICU-1", "HANDS", "handDisinfection", "HYGIENIC", 10.0, "2026-03-13T07:00:00Z");
        // ICU-1 disinfectant in use, sterilant, limit 0: no growth.
        sample("E-131", "ICU-1", "DISINFECTANT_IN_USE", "disinfectantUse", "STERILANT", 0.0, "2026-03-07T07:00:00Z");
        // MED-3 surfaces, class III, limit 10.0: 10.0, 12.0, 8.0.
        sample("E-201", "MED-3", "SURFACE", "environmentClass", "III", 10.0, "2026-03-04T09:00:00Z");
        sample("E-202", "MED-3", "SURFACE", "environmentClass", "III", 12.0, "2026-03-11T09:00:00Z");
        sample("E-203", "MED-3", "SURFACE", "environmentClass", "III", 8.0, "2026-03-18T09:00:00Z");
        sample("E-211", "MED-3", "STERILE_STORAGE_FLUID", null, null, 0.0, "2026-03-09T09:00:00Z");
        sample("E-221", "MED-3", "AIR", "environmentClass", "III", 2.0, "2026-04-01T00:30:00Z");   // April
        sample("E-311", "MED-3", "AIR", "environmentClass", "I", 3.0, "2026-03-16T09:00:00Z");    // amended below: SURG-2
        // SURG-2 hands, surgical, limit 5: 5.0 (at the limit), 5.5.
        sample("E-301", "SURG-2", "HANDS", "handDisinfection", "SURGICAL", 5.0, "2026-03-02T07:00:00Z");
        sample("E-302", "SURG-2", "HANDS", "handDisinfection", "SURGICAL", 5.5, "2026-03-23T07:00:00Z");
    }

    private void sterilizationLoads() {
        load("S1-001", "S1", "PREVACUUM_STEAM", "2026-03-02T07:00:00Z", "PASS", "PASS", "PASS");
        load("S1-002", "S1", "PREVACUUM_STEAM", "2026-03-03T07:00:00Z", "PASS", "PASS", "PENDING");   // read PASS below
        load("S1-003", "S1", "PREVACUUM_STEAM", "2026-03-04T07:00:00Z", "FAIL", "PASS", "PASS");
        load("S1-004", "S1", "PREVACUUM_STEAM", "2026-03-05T07:00:00Z", "PASS", "PASS", "PENDING");   // read FAIL below
        load("S1-005", "S1", "PREVACUUM_STEAM", "2026-03-30T07:00:00Z", "PASS", "PASS", "PENDING");   // still incubating
        load("S1-006", "S1", "PREVACUUM_STEAM", "2026-03-06T07:00:00Z", "NOT_DONE", "PASS", "PASS");
        load("S2-001", "S2", "GRAVITY_STEAM", "2026-03-02T09:00:00Z", "NOT_DONE", "PASS", "PASS");
        load("S2-002", "S2", "GRAVITY_STEAM", "2026-03-09T09:00:00Z", "NOT_DONE", "PASS", "PASS");
        load("S2-003", "S2", "GRAVITY_STEAM", "2026-02-28T23:00:00Z", "NOT_DONE", "PASS", "PASS");    // February
        load("S3-001", "S3", "LOW_TEMP_PLASMA", "2026-03-31T20:00:00Z", "NOT_DONE", "PASS", "PENDING"); // only pending
    }

    /** Corrections, amendments, a retraction and late readings, days after the original facts. */
    private void lateChanges() {
        census("ICU-1", LocalDate.of(2026, 3, 10), 21, 3, 7, 8, 5);       // correction of 10 March
        retraction("C-106");
        hai("C-109", "MED-3", "2026-03-18T09:00:00Z", "UTI", "URINARY_CATHETER");     // the amendment
        sample("E-121", "ICU-1", "HANDS", "handDisinfection", "SURGICAL", 4.0, "2026-03-06T07:00:00Z");
        sample("E-311", "SURG-2", "AIR", "environmentClass", "I", 3.0, "2026-03-16T09:00:00Z");
        reading("S1-002", "PASS", "2026-03-05T07:00:00Z");
        reading("S1-004", "FAIL", "2026-03-07T07:00:00Z");
    }

    private void census(String ward, LocalDate date, int patients, int admissions, int centralLine, int catheter, int ventilator) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("wardId", ward);
        body.put("date", date.toString());
        body.put("patientsPresent", patients);
        body.put("admissions", admissions);
        body.put("centralLineDays", centralLine);
        body.put("urinaryCatheterDays", catheter);
        body.put("ventilatorDays", ventilator);
        add("ward-census:" + ward + ":" + date, "/api/ward-census", body);
    }

    private void hai(String caseId, String ward, String onset, String site, String device) {
        add("case-report:" + caseId, "/api/case-reports", haiBody(caseId, ward, onset, site, device));
    }

    private static Map<String, Object> haiBody(String caseId, String ward, String onset, String site, String device) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caseId", caseId);
        body.put("patientId", "P-" + caseId.substring(2));
        body.put("wardId", ward);
        body.put("category", "HAI");
        body.put("infectionSite", site);
        body.put("organism", "Klebsiella pneumoniae");
        body.put("phenotype", "ESBL");
        body.put("onsetAt", onset);
        if (device != null) {
            body.put("deviceAssociation", device);
        }
        return body;
    }

    private void notifiable(String caseId, String ward, String diagnosed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caseId", caseId);
        body.put("patientId", "P-" + caseId.substring(2));
        body.put("wardId", ward);
        body.put("category", "NOTIFIABLE");
        body.put("disease", "Pulmonary tuberculosis");
        body.put("diagnosedAt", diagnosed);
        add("case-report:" + caseId, "/api/case-reports", body);
    }

    private void retraction(String caseId) {
        add("case-report:" + caseId, "/api/case-reports/" + caseId + "/retraction",
                Map.of("reason", "Colonisation, not infection, on review"));
    }

    private void sample(String id, String ward, String type, String qualifier, String qualifierValue, double cfu,
                        String collectedAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sampleId", id);
        body.put("wardId", ward);
        body.put("sampleType", type);
        if (qualifier != null) {
            body.put(qualifier, qualifierValue);
        }
        body.put("cfu", cfu);
        body.put("collectedAt", collectedAt);
        add("environment-sample:" + id, "/api/environment-samples", body);
    }

    private void load(String id, String sterilizer, String cycle, String completedAt, String bowieDick, String chemical,
                      String biological) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("loadId", id);
        body.put("sterilizerId", sterilizer);
        body.put("cycleType", cycle);
        body.put("completedAt", completedAt);
        body.put("bowieDick", bowieDick);
        body.put("chemicalIndicator", chemical);
        body.put("biologicalIndicator", biological);
        body.put("packs", 40);
        add("sterilization-load:" + id, "/api/sterilization-loads", body);
    }

    private void reading(String loadId, String result, String readAt) {
        add("sterilization-load:" + loadId, "/api/sterilization-loads/" + loadId + "/biological-indicator",
                Map.of("result", result, "readAt", readAt));
    }

    private void add(String fact, String path, Map<String, Object> body) {
        int posts = postsPerFact.merge(fact, 1, Integer::sum);
        submissions.add(new Submission(fact, path, body, posts == 1));
    }
}

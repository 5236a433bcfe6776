package org.hospital.surveillance.app.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.surveillance.app.write.TestJson.json;

import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.hospital.surveillance.events.labresult.LabResultAmended;
import org.hospital.surveillance.events.labresult.LabResultRecorded;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Each fact stream over real HTTP against the running platform: a new key is RECORDED (201, one
 * event), the same content again a DUPLICATE (200, nothing appended), changed content AMENDED
 * (200, one amendment), with the computed fields of the contract.
 */
class WriteOutcomesTest extends RunningPlatform {

    @Test
    void wardCensusIsRecordedThenDuplicateThenCorrected() {
        String census = json("{'wardId':'ICU-1','date':'2026-03-01','patientsPresent':18,'admissions':2,"
                + "'centralLineDays':6,'urinaryCatheterDays':8,'ventilatorDays':4}");

        submissions.post("nurse1", "/api/ward-census", census).expectStatus().isCreated()
                .expectBody().json("{'id':'ICU-1:2026-03-01','outcome':'RECORDED'}", true);
        submissions.post("nurse1", "/api/ward-census", census).expectStatus().isOk()
                .expectBody().json("{'id':'ICU-1:2026-03-01','outcome':'DUPLICATE'}", true);
        submissions.post("nurse1", "/api/ward-census", census.replace("18", "19")).expectStatus().isOk()
                .expectBody().json("{'id':'ICU-1:2026-03-01','outcome':'AMENDED'}", true);

        assertThat(submissions.eventsOf("ward-census:ICU-1:2026-03-01")).isEqualTo(2);
    }

    @Test
    void labResultsAnswerWhetherTheCultureIsHospitalOnset() {
        // admitted 1 March 08:00 (day 1); collected 5 March is day 5
        String positive = labResult("L-OUT-1", "2026-03-05T10:00:00Z", "POSITIVE", "MRSA");

        submissions.post("lab1", "/api/lab-results", positive).expectStatus().isCreated()
                .expectBody().json("{'id':'L-OUT-1','outcome':'RECORDED','hospitalOnset':true}", true);
        submissions.post("lab1", "/api/lab-results", positive).expectStatus().isOk()
                .expectBody().json("{'id':'L-OUT-1','outcome':'DUPLICATE','hospitalOnset':true}", true);
        submissions.post("lab1", "/api/lab-results", labResult("L-OUT-1", "2026-03-05T10:00:00Z", "POSITIVE", "VRE"))
                .expectStatus().isOk()
                .expectBody().json("{'id':'L-OUT-1','outcome':'AMENDED','hospitalOnset':true}", true);

        assertThat(submissions.eventsOf("lab-result:L-OUT-1")).isEqualTo(2);
    }

    @Test
    void hospitalOnsetStartsOnDayThreeOfTheStay() {
        // day 2: 2 March 23:59 is still the second calendar day
        submissions.post("lab1", "/api/lab-results", labResult("L-DAY-2", "2026-03-02T23:59:00Z", "POSITIVE", "MRSA"))
                .expectStatus().isCreated().expectBody().jsonPath("$.hospitalOnset").isEqualTo(false);
        // day 3: 3 March 00:01, less than 48 hours after admission but the third calendar day
        submissions.post("lab1", "/api/lab-results", labResult("L-DAY-3", "2026-03-03T00:01:00Z", "POSITIVE", "MRSA"))
                .expectStatus().isCreated().expectBody().jsonPath("$.hospitalOnset").isEqualTo(true);
        // a negative culture is never hospital-onset
        submissions.post("lab1", "/api/lab-results", labResult("L-NEG", "2026-03-05T10:00:00Z", "NEGATIVE", "MRSA"))
                .expectStatus().isCreated().expectBody().jsonPath("$.hospitalOnset").isEqualTo(false);
    }

    @Test
    void environmentSamplesAnswerTheirLimitAndCompliance() {
        submissions.post("nurse1", "/api/environment-samples", sample("E-OUT-1", "'sampleType':'AIR','environmentClass':'II'", "2.0"))
                .expectStatus().isCreated()
                .expectBody().json("{'id':'E-OUT-1','outcome':'RECORDED','compliant':true,'limit':4.0}", true);
        submissions.post("nurse1", "/api/environment-samples", sample("E-OUT-1", "'sampleType':'AIR','environmentClass':'II'", "2.0"))
                .expectStatus().isOk()
                .expectBody().json("{'id':'E-OUT-1','outcome':'DUPLICATE','compliant':true,'limit':4.0}", true);
        // recounted above the limit
        submissions.post("nurse1", "/api/environment-samples", sample("E-OUT-1", "'sampleType':'AIR','environmentClass':'II'", "4.5"))
                .expectStatus().isOk()
                .expectBody().json("{'id':'E-OUT-1','outcome':'AMENDED','compliant':false,'limit':4.0}", true);

        assertThat(submissions.eventsOf("environment-sample:E-OUT-1")).isEqualTo(2);
    }

    @Test
    void eachSampleTypeIsJudgedAgainstItsOwnLimit() {
        expectLimit("E-AIR-AT", "'sampleType':'AIR','environmentClass':'I'", "4.0", true, 4.0);
        expectLimit("E-SURF-II", "'sampleType':'SURFACE','environmentClass':'II'", "5.1", false, 5.0);
        expectLimit("E-SURF-III", "'sampleType':'SURFACE','environmentClass':'III'", "10", true, 10.0);
        expectLimit("E-HANDS-S", "'sampleType':'HANDS','handDisinfection':'SURGICAL'", "6", false, 5.0);
        expectLimit("E-HANDS-H", "'sampleType':'HANDS','handDisinfection':'HYGIENIC'", "6", true, 10.0);
        expectLimit("E-DIS-ST", "'sampleType':'DISINFECTANT_IN_USE','disinfectantUse':'STERILANT'", "0", true, 0.0);
        expectLimit("E-DIS-SK", "'sampleType':'DISINFECTANT_IN_USE','disinfectantUse':'SKIN_MUCOSA'", "11", false, 10.0);
        expectLimit("E-DIS-OT", "'sampleType':'DISINFECTANT_IN_USE','disinfectantUse':'OTHER'", "100", true, 100.0);
        expectLimit("E-FLUID", "'sampleType':'STERILE_STORAGE_FLUID'", "1", false, 0.0);
        expectLimit("E-ITEM", "'sampleType':'STERILIZED_ITEM'", "0", true, 0.0);
    }

    @Test
    void sterilizationLoadsAndTheirLateBiologicalReading() {
        String load = json("{'loadId':'S1-OUT','sterilizerId':'S1','cycleType':'PREVACUUM_STEAM',"
                + "'completedAt':'2026-03-02T07:00:00Z','bowieDick':'PASS','chemicalIndicator':'PASS',"
                + "'biologicalIndicator':'PENDING','packs':40}");
        submissions.post("nurse1", "/api/sterilization-loads", load).expectStatus().isCreated()
                .expectBody().json("{'id':'S1-OUT','outcome':'RECORDED'}", true);
        submissions.post("nurse1", "/api/sterilization-loads", load).expectStatus().isOk()
                .expectBody().json("{'id':'S1-OUT','outcome':'DUPLICATE'}", true);
        submissions.post("nurse1", "/api/sterilization-loads", load.replace("40", "38")).expectStatus().isOk()
                .expectBody().json("{'id':'S1-OUT','outcome':'AMENDED'}", true);

        String reading = json("{'result':'FAIL','readAt':'2026-03-03T07:00:00Z'}");
        String path = "/api/sterilization-loads/S1-OUT/biological-indicator";
        submissions.post("nurse1", path, reading).expectStatus().isCreated()
                .expectBody().json("{'id':'S1-OUT','outcome':'RECORDED'}", true);
        submissions.post("nurse1", path, reading).expectStatus().isOk()
                .expectBody().json("{'id':'S1-OUT','outcome':'DUPLICATE'}", true);
        submissions.post("nurse1", path, reading.replace("FAIL", "PASS")).expectStatus().isOk()
                .expectBody().json("{'id':'S1-OUT','outcome':'AMENDED'}", true);
        // the pending load re-submitted after its reading changes nothing
        submissions.post("nurse1", "/api/sterilization-loads", load.replace("40", "38")).expectStatus().isOk()
                .expectBody().jsonPath("$.outcome").isEqualTo("DUPLICATE");

        assertThat(submissions.eventsOf("sterilization-load:S1-OUT")).isEqualTo(4);
    }

    @Test
    void aBiologicalReadingForAnUnknownLoadIsNotFoundAndAppendsNothing() {
        long before = submissions.factEvents();

        submissions.post("nurse1", "/api/sterilization-loads/S9-NOPE/biological-indicator",
                        json("{'result':'PASS','readAt':'2026-03-03T07:00:00Z'}"))
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.detail").isEqualTo("No sterilization load S9-NOPE has been recorded");

        assertThat(submissions.factEvents()).isEqualTo(before);
    }

    @Test
    void caseReportsAreReportedAmendedAndRetractedOnce() {
        String report = json("{'caseId':'C-OUT','patientId':'P-108','wardId':'ICU-1','category':'HAI',"
                + "'infectionSite':'PNEU','organism':'Acinetobacter baumannii','phenotype':'CRAB',"
                + "'onsetAt':'2026-03-08T06:00:00Z','deviceAssociation':'VENTILATOR'}");
        submissions.post("nurse1", "/api/case-reports", report).expectStatus().isCreated()
                .expectBody().json("{'id':'C-OUT','outcome':'RECORDED'}", true);
        submissions.post("nurse1", "/api/case-reports", report).expectStatus().isOk()
                .expectBody().json("{'id':'C-OUT','outcome':'DUPLICATE'}", true);
        submissions.post("nurse1", "/api/case-reports", report.replace(",\"deviceAssociation\":\"VENTILATOR\"", ""))
                .expectStatus().isOk().expectBody().json("{'id':'C-OUT','outcome':'AMENDED'}", true);

        String retraction = json("{'reason':'colonisation, not infection'}");
        submissions.post("nurse1", "/api/case-reports/C-OUT/retraction", retraction).expectStatus().isCreated()
                .expectBody().json("{'id':'C-OUT','outcome':'RECORDED'}", true);
        submissions.post("nurse1", "/api/case-reports/C-OUT/retraction", json("{'reason':'asked twice'}"))
                .expectStatus().isOk().expectBody().json("{'id':'C-OUT','outcome':'DUPLICATE'}", true);

        assertThat(submissions.eventsOf("case-report:C-OUT")).isEqualTo(3);
    }

    @Test
    void aRetractedCaseReSubmittedIsAConflictAndAppendsNothing() {
        String report = json("{'caseId':'C-BACK','patientId':'P-109','wardId':'ED','category':'NOTIFIABLE',"
                + "'disease':'Tuberculosis','diagnosedAt':'2026-03-09T10:00:00Z'}");
        submissions.post("nurse1", "/api/case-reports", report).expectStatus().isCreated();
        submissions.post("nurse1", "/api/case-reports/C-BACK/retraction", json("{'reason':'wrong patient'}"))
                .expectStatus().isCreated();

        submissions.post("nurse1", "/api/case-reports", report).expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(409)
                .jsonPath("$.detail").isEqualTo("Case C-BACK was retracted; report it again under a new case id if it counts after all");

        assertThat(submissions.eventsOf("case-report:C-BACK")).isEqualTo(2);
    }

    @Test
    void retractingAnUnknownCaseIsNotFoundAndAppendsNothing() {
        long before = submissions.factEvents();

        submissions.post("nurse1", "/api/case-reports/C-NOPE/retraction", json("{'reason':'never reported'}"))
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("No case C-NOPE has been reported");

        assertThat(submissions.factEvents()).isEqualTo(before);
    }

    @Test
    void eventsCarryWhoSubmittedThemThroughWhichChannelAndWhen() {
        Instant before = Instant.now();
        submissions.post("lab1", "/api/lab-results", labResult("L-META", "2026-03-05T10:00:00Z", "POSITIVE", "MRSA"))
                .expectStatus().isCreated();
        submissions.post("admin", "/api/lab-results", labResult("L-META", "2026-03-05T10:00:00Z", "POSITIVE", "VRE"))
                .expectStatus().isOk();
        Instant after = Instant.now();

        List<? extends DomainEventMessage<?>> events =
                platform.bean(EventStore.class).readEvents("lab-result:L-META").asStream().toList();

        assertThat(events).<Object>extracting(DomainEventMessage::getPayloadType)
                .containsExactly(LabResultRecorded.class, LabResultAmended.class);
        assertThat(events).extracting(e -> e.getMetaData().get("principal")).containsExactly("lab1", "admin");
        assertThat(events).extracting(e -> e.getMetaData().get("channel")).containsExactly("HTTP", "HTTP");
        assertThat(events).allSatisfy(e -> assertThat(Instant.parse((String) e.getMetaData().get("receivedAt")))
                .isBetween(before, after));
        // Axon's own origin metadata is kept beside ours
        assertThat(events).allSatisfy(e -> assertThat(e.getMetaData()).containsKeys("correlationId", "traceId"));
    }

    private void expectLimit(String sampleId, String typeAndQualifier, String cfu, boolean compliant, double limit) {
        submissions.post("nurse1", "/api/environment-samples", sample(sampleId, typeAndQualifier, cfu))
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.compliant").isEqualTo(compliant).jsonPath("$.limit").isEqualTo(limit);
    }

    private static String labResult(String accessionNumber, String collectedAt, String result, String phenotype) {
        return json("{'accessionNumber':'" + accessionNumber + "','patientId':'P-101','wardId':'ICU-1',"
                + "'admittedAt':'2026-03-01T08:00:00Z','specimenType':'BLOOD','collectedAt':'" + collectedAt + "',"
                + "'result':'" + result + "','organism':'Staphylococcus aureus','phenotype':'" + phenotype + "',"
                + "'susceptibility':[{'antibiotic':'Oxacillin','interpretation':'R'}]}");
    }

    private static String sample(String sampleId, String typeAndQualifier, String cfu) {
        return json("{'sampleId':'" + sampleId + "','wardId':'ICU-1'," + typeAndQualifier + ",'cfu':" + cfu
                + ",'collectedAt':'2026-03-03T09:00:00Z'}");
    }
}

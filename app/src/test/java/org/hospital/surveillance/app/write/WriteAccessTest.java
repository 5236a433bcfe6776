package org.hospital.surveillance.app.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.surveillance.app.write.TestJson.json;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hospital.surveillance.app.support.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;

/**
 * Who may submit what, over real HTTP: every write needs credentials (401), lab results are for
 * LAB, everything a ward submits for NURSE, ADMIN may do all, an EPIDEMIOLOGIST only reads
 * (403). The bodies are valid, so a refusal that let the call through would append an event.
 */
class WriteAccessTest extends RunningPlatform {
    private static final String CENSUS = json("{'wardId':'ICU-A','date':'2026-03-01','patientsPresent':18,'admissions':2,"
            + "'centralLineDays':6,'urinaryCatheterDays':8,'ventilatorDays':4}");
    private static final String LAB = json("{'accessionNumber':'L-A','patientId':'P-101','wardId':'ICU-1',"
            + "'admittedAt':'2026-03-01T08:00:00Z','specimenType':'BLOOD','collectedAt':'2026-03-05T10:00:00Z',"
            + "'result':'NEGATIVE'}");
    private static final String SAMPLE = json("{'sampleId':'E-A','wardId':'ICU-1','sampleType':'AIR',"
            + "'environmentClass':'II','cfu':2.0,'collectedAt':'2026-03-03T09:00:00Z'}");
    private static final String LOAD = json("{'loadId':'S-A','sterilizerId':'S1','cycleType':'GRAVITY_STEAM',"
            + "'completedAt':'2026-03-02T07:00:00Z','bowieDick':'NOT_DONE','chemicalIndicator':'PASS',"
            + "'biologicalIndicator':'PENDING','packs':12}");
    private static final String READING = json("{'result':'PASS','readAt':'2026-03-03T07:00:00Z'}");
    private static final String CASE = json("{'caseId':'C-A','patientId':'P-108','wardId':'ICU-1','category':'HAI',"
            + "'infectionSite':'UTI','onsetAt':'2026-03-08T06:00:00Z','deviceAssociation':'URINARY_CATHETER'}");
    private static final String RETRACTION = json("{'reason':'entered on the wrong ward'}");

    private static final String CENSUS_PATH = "/api/ward-census";
    private static final String LAB_PATH = "/api/lab-results";
    private static final String SAMPLE_PATH = "/api/environment-samples";
    private static final String LOAD_PATH = "/api/sterilization-loads";
    private static final String READING_PATH = "/api/sterilization-loads/S-KNOWN/biological-indicator";
    private static final String CASE_PATH = "/api/case-reports";
    private static final String RETRACTION_PATH = "/api/case-reports/C-KNOWN/retraction";

    /**
     * Its own platform: it records S-KNOWN and C-KNOWN, as WriteValidationTest does on the shared one;
     * and one wrong password per write is more than a user's failed-login budget (LoginTest is about that).
     */
    @Override
    Platform ownPlatform(Path dataDir) {
        return Platform.start(dataDir, "surveillance.login.failures-per-user-and-address=100");
    }

    @BeforeAll
    void recordKnownFacts() {
        // a load and a case to read and retract, so that only the role can stop those calls
        submissions.post("nurse1", LOAD_PATH, LOAD.replace("S-A", "S-KNOWN")).expectStatus().isCreated();
        submissions.post("nurse1", CASE_PATH, CASE.replace("C-A", "C-KNOWN")).expectStatus().isCreated();
    }

    static Stream<Arguments> everyWrite() {
        return Stream.of(
                Arguments.of(CENSUS_PATH, CENSUS), Arguments.of(LAB_PATH, LAB), Arguments.of(SAMPLE_PATH, SAMPLE),
                Arguments.of(LOAD_PATH, LOAD), Arguments.of(READING_PATH, READING), Arguments.of(CASE_PATH, CASE),
                Arguments.of(RETRACTION_PATH, RETRACTION));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("lab1", CENSUS_PATH, CENSUS), Arguments.of("lab1", SAMPLE_PATH, SAMPLE),
                Arguments.of("lab1", LOAD_PATH, LOAD), Arguments.of("lab1", READING_PATH, READING),
                Arguments.of("lab1", CASE_PATH, CASE), Arguments.of("lab1", RETRACTION_PATH, RETRACTION),
                Arguments.of("nurse1", LAB_PATH, LAB),
                Arguments.of("epi1", CENSUS_PATH, CENSUS), Arguments.of("epi1", LAB_PATH, LAB),
                Arguments.of("epi1", SAMPLE_PATH, SAMPLE), Arguments.of("epi1", LOAD_PATH, LOAD),
                Arguments.of("epi1", READING_PATH, READING), Arguments.of("epi1", CASE_PATH, CASE),
                Arguments.of("epi1", RETRACTION_PATH, RETRACTION));
    }

    @ParameterizedTest(name = "POST {0} without credentials")
    @MethodSource("everyWrite")
    void everyWriteNeedsCredentials(String path, String body) {
        long before = submissions.factEvents();

        platform.anonymous().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(submissions.factEvents()).isEqualTo(before);
    }

    @ParameterizedTest(name = "POST {0} with a wrong password")
    @MethodSource("everyWrite")
    void aWrongPasswordIsNotCredentials(String path, String body) {
        platform.anonymous().post().uri(path).headers(h -> h.setBasicAuth("nurse1", "guess"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isUnauthorized();
    }

    @ParameterizedTest(name = "{0} may not POST {1}")
    @MethodSource("refused")
    void aWriteOutsideOnesRoleIsForbiddenAndAppendsNothing(String user, String path, String body) {
        long before = submissions.factEvents();

        submissions.post(user, path, body)
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(submissions.factEvents()).isEqualTo(before);
    }

    @Test
    void anAdminMayWriteEverything() {
        List<String[]> writes = List.of(new String[] {CENSUS_PATH, CENSUS}, new String[] {LAB_PATH, LAB},
                new String[] {SAMPLE_PATH, SAMPLE}, new String[] {LOAD_PATH, LOAD}, new String[] {READING_PATH, READING},
                new String[] {CASE_PATH, CASE}, new String[] {RETRACTION_PATH, RETRACTION});
        long before = submissions.factEvents();

        for (String[] write : writes) {
            submissions.post("admin", write[0], write[1]).expectStatus().isCreated()
                    .expectBody().jsonPath("$.outcome").isEqualTo("RECORDED");
        }

        assertThat(submissions.factEvents()).isEqualTo(before + writes.size());
    }

    @Test
    void eachSubmittingRoleMayWriteItsOwnFacts() {
        submissions.post("lab1", LAB_PATH, LAB.replace("L-A", "L-LAB")).expectStatus().isCreated();
        submissions.post("nurse1", CENSUS_PATH, CENSUS.replace("ICU-A", "ICU-NURSE")).expectStatus().isCreated();
        submissions.post("nurse1", SAMPLE_PATH, SAMPLE.replace("E-A", "E-NURSE")).expectStatus().isCreated();
        submissions.post("nurse1", LOAD_PATH, LOAD.replace("S-A", "S-NURSE")).expectStatus().isCreated();
        submissions.post("nurse1", "/api/sterilization-loads/S-NURSE/biological-indicator", READING).expectStatus().isCreated();
        submissions.post("nurse1", CASE_PATH, CASE.replace("C-A", "C-NURSE")).expectStatus().isCreated();
        submissions.post("nurse1", "/api/case-reports/C-NURSE/retraction", RETRACTION).expectStatus().isCreated();
    }
}

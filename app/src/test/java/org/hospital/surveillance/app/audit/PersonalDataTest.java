package org.hospital.surveillance.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hospital.surveillance.app.support.HospitalFacts;
import org.hospital.surveillance.app.support.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

/**
 * Personal data over real HTTP: every look into the history (export, search, asOf read, rebuild,
 * what-if) is in the audit log an ADMIN reads at GET /api/audit, with its user and filter but
 * never a patient id; and a run with known patient ids writes none of them to the log (console,
 * INFO and above, as captured) or into a problem's {@code detail}.
 */
@Timeout(300)
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataTest {

    /** Identifiers no other text of the platform contains, so that any hit is a leak. */
    private static final String PATIENT = "PT-7Q3X9Z";
    private static final String OTHER_PATIENT = "PT-4K8W2M";

    @TempDir
    static Path dataDir;
    static Platform platform;
    static HospitalFacts facts;

    @BeforeAll
    static void start() {
        platform = Platform.start(dataDir);
        facts = new HospitalFacts(platform);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void historyAccessIsAuditedWithoutPatientIdsAndNoPatientIdReachesTheLogOrAProblem(CapturedOutput output) {
        facts.mrsa("ACC-1", PATIENT, "ICU-1", "2026-03-05T10:00:00Z");
        facts.mrsa("ACC-2", OTHER_PATIENT, "ICU-1", "2026-03-06T10:00:00Z");
        String problem = facts.post("lab1", "/api/lab-results", Map.of("accessionNumber", "ACC-3", "patientId", PATIENT,
                        "wardId", "ICU-1", "collectedAt", "yesterday"))
                .expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();
        assertThat(problem).doesNotContain(PATIENT);
        facts.awaitQuiet();

        assertThat(facts.history("?wardId={ward}", "ICU-1")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(facts.search(Map.of("patientId", PATIENT, "wardId", "ICU-1"))).hasSize(1);
        platform.as("epi1").get().uri("/api/rates?month=2026-03&asOf=2026-03-10T00:00:00Z").exchange().expectStatus().isOk();
        facts.post("epi1", "/api/what-if/clusters", Map.of("from", "2026-03-01T00:00:00Z", "to", "2026-04-01T00:00:00Z",
                "windowDays", 7)).expectStatus().isOk();
        platform.as("admin").post().uri("/api/projections/no-such-projection/rebuild").exchange().expectStatus().isNotFound();
        // Refused calls looked at nothing: not audited.
        platform.as("nurse1").get().uri("/api/events").exchange().expectStatus().isForbidden();

        JsonNode audit = readAudit();
        assertThat(audit).hasSize(5);
        assertEntry(audit.get(0), "admin", "REBUILD", "/api/projections/no-such-projection/rebuild", "{}");
        assertEntry(audit.get(1), "epi1", "WHAT_IF", "/api/what-if/clusters",
                "{\"from\":\"2026-03-01T00:00:00Z\",\"to\":\"2026-04-01T00:00:00Z\",\"windowDays\":7}");
        assertEntry(audit.get(2), "epi1", "AS_OF_READ", "/api/rates",
                "{\"month\":\"2026-03\",\"asOf\":\"2026-03-10T00:00:00Z\"}");
        assertEntry(audit.get(3), "epi1", "SEARCH", "/api/events/search", null);
        assertThat(json(audit.get(3).path("filter").asText())).isEqualTo(json(
                "{\"patientId\":\"" + HistoryAccessFilter.OMITTED + "\",\"wardId\":\"ICU-1\"}"));
        assertEntry(audit.get(4), "epi1", "EXPORT", "/api/events", "{\"wardId\":\"ICU-1\"}");
        assertThat(audit.toString()).doesNotContain(PATIENT);

        platform.as("epi1").get().uri("/api/audit").exchange().expectStatus().isForbidden();
        platform.as("nurse1").get().uri("/api/audit").exchange().expectStatus().isForbidden();
        platform.as("admin").get().uri("/api/audit?limit=0").exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(platform.as("admin").get().uri("/api/audit?limit=2").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody()).hasSize(2);

        List<String> leaks = output.getAll().lines()
                .filter(line -> line.contains(PATIENT) || line.contains(OTHER_PATIENT)).toList();
        assertThat(leaks).as("log lines naming a patient").isEmpty();
        assertThat(output.getAll()).as("the run was captured").contains("Netty started on port");
    }

    private static JsonNode readAudit() {
        return platform.as("admin").get().uri("/api/audit").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static void assertEntry(JsonNode entry, String principal, String action, String path, String filter) {
        assertThat(entry.path("principal").asText()).isEqualTo(principal);
        assertThat(entry.path("action").asText()).isEqualTo(action);
        assertThat(entry.path("path").asText()).isEqualTo(path);
        assertThat(entry.path("at").asText()).isNotEmpty();
        if (filter != null) {
            assertThat(json(entry.path("filter").asText())).isEqualTo(json(filter));
        }
    }

    private static JsonNode json(String text) {
        return HospitalFacts.json(text);
    }
}

package org.hospital.surveillance.app.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.PostgresDatabase;
import org.hospital.surveillance.app.support.TempDirs;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Stop the platform, start it again on the same stores: the history is intact and the aggregates
 * remember every fact (a re-submission is a DUPLICATE, not a new RECORDED), on the embedded
 * default and on PostgreSQL.
 */
class RestartDurabilityTest {

    private static final String CENSUS = "{\"wardId\":\"ICU-1\",\"date\":\"2026-03-01\",\"patientsPresent\":18,"
            + "\"admissions\":2,\"centralLineDays\":6,\"urinaryCatheterDays\":8,\"ventilatorDays\":4}";
    private static final String LAB_RESULT = "{\"accessionNumber\":\"L-001\",\"patientId\":\"P-101\",\"wardId\":\"ICU-1\","
            + "\"admittedAt\":\"2026-03-01T08:00:00Z\",\"specimenType\":\"BLOOD\",\"collectedAt\":\"2026-03-05T10:00:00Z\","
            + "\"result\":\"POSITIVE\",\"organism\":\"Staphylococcus aureus\",\"phenotype\":\"MRSA\"}";
    private static final String LOAD = "{\"loadId\":\"S1-001\",\"sterilizerId\":\"S1\",\"cycleType\":\"PREVACUUM_STEAM\","
            + "\"completedAt\":\"2026-03-02T07:00:00Z\",\"bowieDick\":\"PASS\",\"chemicalIndicator\":\"PASS\","
            + "\"biologicalIndicator\":\"PENDING\",\"packs\":40}";

    @Test
    void embeddedDefaultKeepsEveryFactAcrossARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("surveillance-restart");
        try {
            restartKeepsTheHistory(() -> Platform.start(dataDir));
        } finally {
            TempDirs.delete(dataDir);
        }
    }

    @Test
    void postgresEventStoreKeepsEveryFactAcrossARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("surveillance-restart-pg");
        try (PostgresDatabase database = PostgresDatabase.create()) {
            restartKeepsTheHistory(() -> Platform.startOnPostgres(dataDir, database));
        } finally {
            TempDirs.delete(dataDir);
        }
    }

    private void restartKeepsTheHistory(java.util.function.Supplier<Platform> start) {
        List<String> historyBefore;
        try (Platform platform = start.get()) {
            post(platform, "nurse1", "/api/ward-census", CENSUS).expectStatus().isCreated();
            post(platform, "lab1", "/api/lab-results", LAB_RESULT).expectStatus().isCreated();
            post(platform, "nurse1", "/api/sterilization-loads", LOAD).expectStatus().isCreated();
            post(platform, "nurse1", "/api/sterilization-loads/S1-001/biological-indicator",
                    "{\"result\":\"PASS\",\"readAt\":\"2026-03-03T07:00:00Z\"}").expectStatus().isCreated();
            historyBefore = factHistory(platform);
            assertThat(historyBefore).hasSize(4);
        }

        try (Platform platform = start.get()) {
            assertThat(factHistory(platform)).isEqualTo(historyBefore);
            // The aggregates are rebuilt from the stored events: the same facts are recognised.
            post(platform, "nurse1", "/api/ward-census", CENSUS).expectStatus().isOk()
                    .expectBody().jsonPath("$.outcome").isEqualTo("DUPLICATE");
            post(platform, "lab1", "/api/lab-results", LAB_RESULT).expectStatus().isOk()
                    .expectBody().jsonPath("$.outcome").isEqualTo("DUPLICATE");
            post(platform, "lab1", "/api/lab-results", LAB_RESULT.replace("MRSA", "MSSA")).expectStatus().isOk()
                    .expectBody().jsonPath("$.outcome").isEqualTo("AMENDED");
            assertThat(factHistory(platform)).hasSize(5).startsWith(historyBefore.toArray(String[]::new));
        }
    }

    private static org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(
            Platform platform, String user, String path, String json) {
        return platform.as(user).post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    /** The history of the submitted facts, one NDJSON line each (alerts the platform raises left out). */
    private static List<String> factHistory(Platform platform) {
        String body = platform.as("epi1").get().uri("/api/events").accept(MediaType.APPLICATION_NDJSON).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return body == null ? List.of() : body.lines().filter(line -> !line.contains("\"aggregateId\":\"alert:")).toList();
    }
}

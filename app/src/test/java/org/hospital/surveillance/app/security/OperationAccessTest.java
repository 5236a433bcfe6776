package org.hospital.surveillance.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hospital.surveillance.app.support.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation the served OpenAPI document ({@code /v3/api-docs}) lists, called over real HTTP
 * as anonymous and as each role: anonymous gets 401, a role outside the operation's roles 403, a
 * role inside it anything but 401/403 (bodies are {@code {}} and path ids made up, so an admitted
 * call is a 400 or 404 and appends nothing). The roles are in {@link #ROLES}, ONE table that must
 * list every operation: an endpoint added without a row here fails this test, so none ships
 * without its roles decided. A read that takes {@code asOf} is listed a second time with
 * {@code ?asOf}: looking into the past is history (api.md), whatever the read.
 */
@Timeout(300)
class OperationAccessTest {

    private static final String LAB = "LAB";
    private static final String NURSE = "NURSE";
    private static final String EPIDEMIOLOGIST = "EPIDEMIOLOGIST";
    private static final String ADMIN = "ADMIN";
    private static final Set<String> WARD = Set.of(NURSE, ADMIN);
    private static final Set<String> READERS = Set.of(NURSE, EPIDEMIOLOGIST, ADMIN);
    private static final Set<String> HISTORY = Set.of(EPIDEMIOLOGIST, ADMIN);

    /** Who may call what (api.md "Running" and each operation's heading). */
    private static final Map<String, Set<String>> ROLES = new LinkedHashMap<>();

    static {
        ROLES.put("POST /api/lab-results", Set.of(LAB, ADMIN));
        ROLES.put("POST /api/ward-census", WARD);
        ROLES.put("POST /api/environment-samples", WARD);
        ROLES.put("POST /api/sterilization-loads", WARD);
        ROLES.put("POST /api/sterilization-loads/{loadId}/biological-indicator", WARD);
        ROLES.put("POST /api/case-reports", WARD);
        ROLES.put("POST /api/case-reports/{caseId}/retraction", WARD);
        ROLES.put("POST /api/alerts/{alertId}/acknowledge", WARD);
        ROLES.put("POST /api/alerts/{alertId}/close", WARD);
        ROLES.put("GET /api/alerts", READERS);
        ROLES.put("GET /api/alerts?asOf", HISTORY);
        ROLES.put("GET /api/alerts/{alertId}", READERS);
        ROLES.put("GET /api/alerts/stream", READERS);
        ROLES.put("GET /api/rates", READERS);
        ROLES.put("GET /api/rates?asOf", HISTORY);
        ROLES.put("GET /api/compliance", READERS);
        ROLES.put("GET /api/compliance?asOf", HISTORY);
        ROLES.put("GET /api/sterilization-compliance", READERS);
        ROLES.put("GET /api/sterilization-compliance?asOf", HISTORY);
        ROLES.put("GET /api/board", READERS);
        ROLES.put("GET /api/events", HISTORY);
        ROLES.put("POST /api/events/search", HISTORY);
        ROLES.put("POST /api/what-if/clusters", HISTORY);
        ROLES.put("GET /api/projections", HISTORY);
        ROLES.put("POST /api/projections/{name}/rebuild", HISTORY);
        ROLES.put("GET /api/audit", Set.of(ADMIN));
        ROLES.put("POST /api/backups", Set.of(ADMIN));
        ROLES.put("GET /api/projections/{name}/dead-letters", Set.of(ADMIN));
        ROLES.put("POST /api/projections/{name}/dead-letters/{id}/retry", Set.of(ADMIN));
        ROLES.put("DELETE /api/projections/{name}/dead-letters/{id}", Set.of(ADMIN));
    }

    private static final Map<String, String> USER_OF_ROLE = Map.of(
            LAB, "lab1", NURSE, "nurse1", EPIDEMIOLOGIST, "epi1", ADMIN, "admin");

    @TempDir
    static Path dataDir;
    static Platform platform;
    static HttpClient http;

    @BeforeAll
    static void start() {
        platform = Platform.start(dataDir);
        http = newClient();
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void everyDocumentedOperationAnswersAnonymousAndEachRoleAsItsRowSays() throws Exception {
        List<Operation> operations = documentedOperations();
        Set<String> documented = new TreeSet<>();
        operations.forEach(operation -> documented.add(operation.key()));
        assertThat(documented).as("operations in /v3/api-docs without a row in ROLES (decide who may call them)")
                .isSubsetOf(ROLES.keySet());
        assertThat(ROLES.keySet()).as("rows in ROLES no longer in /v3/api-docs").isSubsetOf(documented);

        List<String> wrong = new ArrayList<>();
        for (Operation operation : operations) {
            Set<String> allowed = ROLES.get(operation.key());
            int anonymous = call(operation, null);
            if (anonymous != 401) {
                wrong.add(operation.key() + " as anonymous: " + anonymous + ", expected 401");
            }
            for (String role : USER_OF_ROLE.keySet()) {
                int status = call(operation, USER_OF_ROLE.get(role));
                boolean admitted = status != 401 && status != 403;
                if (admitted != allowed.contains(role) || (!admitted && status != 403)) {
                    wrong.add(operation.key() + " as " + role + ": " + status + ", expected "
                            + (allowed.contains(role) ? "neither 401 nor 403" : "403"));
                }
            }
        }
        assertThat(wrong).as("operations answering a caller otherwise than ROLES says").isEmpty();
    }

    /** One call; for a stream only its status is read, then the connection is closed. */
    private static int call(Operation operation, String user) throws Exception {
        try {
            return send(operation, user);
        } catch (java.net.http.HttpTimeoutException e) {
            throw new AssertionError(operation.key() + " as " + user + " did not answer", e);
        }
    }

    private static int send(Operation operation, String user) throws Exception {
        String path = operation.path().replaceAll("\\{[^}]+}", "ACCESS-TEST-ID");
        if (operation.asOf()) {
            path += "?asOf=2026-03-01T00:00:00Z";
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", operation.path().endsWith("/stream") ? "text/event-stream" : "application/json, application/problem+json");
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + Platform.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        if (operation.method().equals("GET")) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").method(operation.method(), HttpRequest.BodyPublishers.ofString("{}"));
        }
        // A stream never ends: its own client, so the connection closed half-read is never offered to the next call.
        HttpClient client = operation.path().endsWith("/stream") ? newClient() : http;
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (!operation.path().endsWith("/stream")) {
                body.readAllBytes();
            }
        }
        return response.statusCode();
    }

    private static List<Operation> documentedOperations() throws Exception {
        HttpResponse<String> docs = http.send(HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/v3/api-docs"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode paths = new ObjectMapper().readTree(docs.body()).path("paths");
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> path = p.next();
            for (Iterator<Map.Entry<String, JsonNode>> o = path.getValue().fields(); o.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = o.next();
                String method = operation.getKey().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                operations.add(new Operation(method, path.getKey(), false));
                if (takesAsOf(operation.getValue())) {
                    operations.add(new Operation(method, path.getKey(), true));
                }
            }
        }
        assertThat(operations).as("operations in /v3/api-docs").hasSizeGreaterThanOrEqualTo(20);
        return operations;
    }

    private static boolean takesAsOf(JsonNode operation) {
        for (JsonNode parameter : operation.path("parameters")) {
            if ("asOf".equals(parameter.path("name").asText()) && "query".equals(parameter.path("in").asText())) {
                return true;
            }
        }
        return false;
    }

    private record Operation(String method, String path, boolean asOf) {
        String key() {
            return method + " " + path + (asOf ? "?asOf" : "");
        }
    }
}

package org.hospital.surveillance.app.board;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hospital.surveillance.app.support.Platform;
import org.hospital.surveillance.app.support.SharedPlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI description the running platform serves: reachable without a login, every operation
 * of the HTTP contract this build serves in it, every operation naming the roles that the security
 * configuration actually lets through (checked by calling each one as each role), and the
 * problem+json errors described as the platform answers them.
 */
@ExtendWith(SharedPlatform.class)
class OpenApiDescriptionTest {

    /** The contract's operations this build serves (the history helper's projections join when they land). */
    private static final List<String> CONTRACT = List.of(
            "POST /api/ward-census", "POST /api/lab-results", "POST /api/environment-samples",
            "POST /api/sterilization-loads", "POST /api/sterilization-loads/{loadId}/biological-indicator",
            "POST /api/case-reports", "POST /api/case-reports/{caseId}/retraction",
            "GET /api/alerts", "GET /api/alerts/stream", "POST /api/alerts/{alertId}/acknowledge",
            "POST /api/alerts/{alertId}/close", "GET /api/rates", "GET /api/compliance",
            "GET /api/sterilization-compliance", "GET /api/events", "POST /api/what-if/clusters");
    private static final Map<String, String> USER_OF_ROLE = Map.of(
            "LAB", "lab1", "NURSE", "nurse1", "EPIDEMIOLOGIST", "epi1", "ADMIN", "admin");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Platform platform;
    static HospitalApi api;
    static JsonNode description;

    @BeforeAll
    static void start(SharedPlatform shared) throws Exception {
        platform = shared.get();
        api = new HospitalApi(platform.baseUrl(), Platform.PASSWORD);
        HttpResponse<String> docs = send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET(), null);
        assertThat(docs.statusCode()).as("/v3/api-docs without a login").isEqualTo(200);
        description = JSON.readTree(docs.body());
    }

    @Test
    void theDescriptionAndItsSwaggerUiAreServedWithoutALogin() throws Exception {
        assertThat(description.path("openapi").asText()).startsWith("3.");
        assertThat(description.path("info").path("title").asText()).isEqualTo("Hospital infection surveillance API");
        assertThat(description.path("components").path("securitySchemes").path("basicAuth").path("scheme").asText())
                .isEqualTo("basic");

        HttpResponse<String> ui = send(HttpRequest.newBuilder(uri("/swagger-ui.html")).GET(), null);
        assertThat(ui.statusCode()).isEqualTo(302);
        String page = ui.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> index = send(HttpRequest.newBuilder(uri(page.replaceFirst("^https?://[^/]+", ""))).GET(), null);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("swagger-ui");
        JsonNode config = JSON.readTree(send(HttpRequest.newBuilder(uri("/v3/api-docs/swagger-config")).GET(), null).body());
        assertThat(config.path("url").asText()).isEqualTo("/v3/api-docs");
    }

    @Test
    void everyOperationOfTheContractIsDescribedAndNothingUndescribedIsServed() {
        List<String> served = operations().stream().map(Op::name).toList();
        assertThat(served).containsAll(CONTRACT);
        assertThat(operations()).allSatisfy(op -> {
            assertThat(op.node().path("summary").asText()).as("%s summary", op.name()).isNotBlank();
            assertThat(op.node().path("tags").size()).as("%s tags", op.name()).isEqualTo(1);
        });
        JsonNode stream = description.path("paths").path("/api/alerts/stream").path("get");
        assertThat(stream.path("responses").path("200").path("content").has("text/event-stream")).isTrue();
        assertThat(parameterNames(stream)).contains("wardId", "type", "Last-Event-ID", "lastEventId");
    }

    /**
     * What api.md says each body holds (its fields, those required, the values of each enum), and
     * the request record springdoc derives its schema from.
     */
    private record Body(String operation, String record, List<String> fields, List<String> required,
                        Map<String, List<String>> enums) {
    }

    private static final List<Body> BODIES = List.of(
            new Body("POST /api/ward-census", "WardCensusSubmission", List.of("wardId", "date", "patientsPresent", "admissions", "centralLineDays",
                    "urinaryCatheterDays", "ventilatorDays"), List.of("wardId", "date", "patientsPresent", "admissions",
                    "centralLineDays", "urinaryCatheterDays", "ventilatorDays"), Map.of()),
            new Body("POST /api/lab-results", "LabResultSubmission", List.of("accessionNumber", "patientId", "wardId", "admittedAt", "specimenType",
                    "collectedAt", "result", "organism", "phenotype", "susceptibility"), List.of("accessionNumber", "patientId",
                    "wardId", "admittedAt", "specimenType", "collectedAt", "result"), Map.of(
                    "specimenType", List.of("BLOOD", "URINE", "SPUTUM", "WOUND", "CSF", "STOOL", "SCREENING_SWAB", "OTHER"),
                    "result", List.of("POSITIVE", "NEGATIVE"))),
            new Body("POST /api/environment-samples", "EnvironmentSampleSubmission", List.of("sampleId", "wardId", "sampleType", "environmentClass",
                    "handDisinfection", "disinfectantUse", "cfu", "collectedAt"), List.of("sampleId", "wardId", "sampleType",
                    "cfu", "collectedAt"), Map.of(
                    "sampleType", List.of("AIR", "SURFACE", "HANDS", "DISINFECTANT_IN_USE", "STERILE_STORAGE_FLUID", "STERILIZED_ITEM"),
                    "environmentClass", List.of("I", "II", "III", "IV"),
                    "handDisinfection", List.of("HYGIENIC", "SURGICAL"),
                    "disinfectantUse", List.of("STERILANT", "SKIN_MUCOSA", "OTHER"))),
            new Body("POST /api/sterilization-loads", "SterilizationLoadSubmission", List.of("loadId", "sterilizerId", "cycleType", "completedAt", "bowieDick",
                    "chemicalIndicator", "biologicalIndicator", "packs"), List.of("loadId", "sterilizerId", "cycleType",
                    "completedAt", "bowieDick", "chemicalIndicator", "biologicalIndicator", "packs"), Map.of(
                    "cycleType", List.of("PREVACUUM_STEAM", "GRAVITY_STEAM", "LOW_TEMP_PLASMA", "ETHYLENE_OXIDE"),
                    "bowieDick", List.of("PASS", "FAIL", "NOT_DONE"),
                    "chemicalIndicator", List.of("PASS", "FAIL"),
                    "biologicalIndicator", List.of("PASS", "FAIL", "PENDING"))),
            new Body("POST /api/sterilization-loads/{loadId}/biological-indicator", "BiologicalReadingSubmission", List.of("result", "readAt"),
                    List.of("result", "readAt"), Map.of("result", List.of("PASS", "FAIL"))),
            new Body("POST /api/case-reports", "CaseReportSubmission", List.of("caseId", "patientId", "wardId", "category", "infectionSite", "organism",
                    "phenotype", "onsetAt", "deviceAssociation", "disease", "diagnosedAt"), List.of("caseId", "patientId",
                    "wardId", "category"), Map.of(
                    "category", List.of("HAI", "NOTIFIABLE"),
                    "infectionSite", List.of("BSI", "SSI", "UTI", "PNEU", "GI", "SKIN", "OTHER"),
                    "deviceAssociation", List.of("CENTRAL_LINE", "URINARY_CATHETER", "VENTILATOR"))),
            new Body("POST /api/case-reports/{caseId}/retraction", "RetractionSubmission", List.of("reason"), List.of("reason"), Map.of()),
            new Body("POST /api/alerts/{alertId}/acknowledge", "Acknowledge", List.of("note"), List.of(), Map.of()),
            new Body("POST /api/alerts/{alertId}/close", "Close", List.of("outcome", "note"), List.of("outcome"),
                    Map.of("outcome", List.of("CONFIRMED_OUTBREAK", "FALSE_ALARM"))),
            new Body("POST /api/what-if/clusters", "WhatIfRequest", List.of("from", "to", "windowDays", "threshold", "match", "scope"),
                    List.of("from", "to"), Map.of("match", List.of("ORGANISM_AND_PHENOTYPE", "ORGANISM"),
                    "scope", List.of("WARD", "HOSPITAL"))),
            new Body("POST /api/events/search", "EventSearch", List.of("from", "to", "type", "stream", "wardId", "organism", "patientId",
                    "format"), List.of(), Map.of()));

    @Test
    void eachBodyIsDescribedFromItsRequestRecordWithItsFieldsRequiredFieldsAndEnums() {
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        operations().forEach(op -> byName.put(op.name(), op.node()));
        for (Body body : BODIES) {
            JsonNode content = byName.get(body.operation()).path("requestBody").path("content");
            assertThat(content.has("application/json")).as("%s takes JSON", body.operation()).isTrue();
            assertThat(content.path("application/json").path("schema").path("$ref").asText()).as("%s schema", body.operation())
                    .isEqualTo("#/components/schemas/" + body.record());
            JsonNode schema = resolve(content.path("application/json").path("schema"));
            assertThat(fieldNames(schema.path("properties"))).as("%s fields", body.operation())
                    .containsExactlyInAnyOrderElementsOf(body.fields());
            List<String> required = new ArrayList<>();
            schema.path("required").forEach(name -> required.add(name.asText()));
            assertThat(required).as("%s required", body.operation()).containsExactlyInAnyOrderElementsOf(body.required());
            body.enums().forEach((field, values) -> {
                List<String> described = new ArrayList<>();
                resolve(schema.path("properties").path(field)).path("enum").forEach(v -> described.add(v.asText()));
                assertThat(described).as("%s %s", body.operation(), field).containsExactlyElementsOf(values);
            });
        }
    }

    private static JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText();
        return ref.isEmpty() ? schema : description.at(ref.substring(1));
    }

    @Test
    void eachOperationNamesItsRolesAndThoseAreExactlyTheRolesLetThrough() {
        for (Op op : operations()) {
            List<String> roles = new ArrayList<>();
            op.node().path("x-roles").forEach(role -> roles.add(role.asText()));
            assertThat(roles).as("%s x-roles", op.name()).isNotEmpty().isSubsetOf(USER_OF_ROLE.keySet());
            assertThat(op.node().path("description").asText()).as("%s description", op.name())
                    .startsWith("Roles: " + String.join(", ", roles) + ".");
            for (Map.Entry<String, String> role : USER_OF_ROLE.entrySet()) {
                int status = call(op, role.getValue());
                if (roles.contains(role.getKey())) {
                    assertThat(status).as("%s as %s", op.name(), role.getKey()).isNotIn(401, 403).isLessThan(500);
                } else {
                    assertThat(status).as("%s as %s", op.name(), role.getKey()).isEqualTo(403);
                }
            }
        }
    }

    @Test
    void errorsAreDescribedAsProblemJsonTheWayThePlatformAnswersThem() throws Exception {
        for (Op op : operations()) {
            JsonNode responses = op.node().path("responses");
            assertThat(responses.path("401").path("$ref").asText()).as(op.name()).isEqualTo("#/components/responses/Unauthenticated");
            assertThat(responses.path("403").path("$ref").asText()).as(op.name()).isEqualTo("#/components/responses/Forbidden");
            if (op.node().has("requestBody") || !op.node().path("parameters").isEmpty()) {
                assertThat(responses.has("400") || responses.has("404")).as("%s describes a bad request", op.name()).isTrue();
            }
        }
        JsonNode invalid = description.path("components").path("responses").path("Invalid").path("content");
        assertThat(invalid.path("application/problem+json").path("schema").path("$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        JsonNode problem = description.path("components").path("schemas").path("Problem").path("properties");
        JsonNode fieldProblem = description.path("components").path("schemas").path("FieldProblem").path("properties");

        // What the platform answers has exactly the described fields.
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/api/lab-results"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")), "lab1");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(answer.body());
        assertThat(fieldNames(body)).isSubsetOf(fieldNames(problem));
        assertThat(body.path("errors")).isNotEmpty().allSatisfy(error ->
                assertThat(fieldNames(error)).containsExactlyInAnyOrderElementsOf(fieldNames(fieldProblem)));
    }

    /** One call as the user, with what it needs to get past binding quickly; the answer's status. */
    private static int call(Op op, String user) {
        String path = op.path().replaceAll("\\{[^}]+}", "NO-SUCH");
        List<String> query = new ArrayList<>();
        op.node().path("parameters").forEach(p -> {
            if (p.path("required").asBoolean() && "query".equals(p.path("in").asText()) && "month".equals(p.path("name").asText())) {
                query.add("month=2026-03");
            }
        });
        if (op.path().equals("/api/events")) {
            query.add("from=2100-01-01T00:00:00Z");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path + (query.isEmpty() ? "" : "?" + String.join("&", query))));
        if (op.path().equals("/api/alerts/stream")) {
            request.header("Last-Event-ID", "not-a-number"); // a 400 when allowed, so the stream does not stay open
        }
        if (op.method().equals("POST")) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        } else {
            request.GET();
        }
        return send(request, user).statusCode();
    }

    private record Op(String method, String path, JsonNode node) {
        String name() {
            return method + " " + path;
        }
    }

    private static List<Op> operations() {
        List<Op> operations = new ArrayList<>();
        description.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op ->
                operations.add(new Op(op.getKey().toUpperCase(), path.getKey(), op.getValue()))));
        return operations;
    }

    private static List<String> parameterNames(JsonNode operation) {
        List<String> names = new ArrayList<>();
        operation.path("parameters").forEach(p -> names.add(p.path("name").asText()));
        return names;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static URI uri(String path) {
        return URI.create(platform.baseUrl() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String user) {
        if (user != null) {
            request.header("Authorization", api.authorization(user));
        }
        try {
            return HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

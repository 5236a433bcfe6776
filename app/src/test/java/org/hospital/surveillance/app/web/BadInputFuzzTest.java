package org.hospital.surveillance.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
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
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.hospital.surveillance.app.support.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input, fuzzed over real HTTP (issue 13): every operation the served OpenAPI document lists
 * gets malformed bodies, path and query parameters generated from its own schemas, so a new
 * endpoint is fuzzed without editing this class. Every answer must be a 4xx
 * {@code application/problem+json} (or a 2xx where the input is in fact valid), never a 5xx, and a
 * refused request appends nothing. Calls are made as ADMIN so that roles do not mask outcomes, and
 * never with a wrong password (the login throttle would answer 429). The generator is seeded, so a
 * failing case is reproduced by running the class again.
 */
@Timeout(240)
class BadInputFuzzTest {

    private static final long SEED = 13L;
    /** Under the 1 MB body limit (application.yml), with room for the rest of the body. */
    private static final int HUGE = 900_000;
    private static final int OVER_LIMIT = 1_100_000;
    private static final int RANDOM_BYTE_FLIPS = 6;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A text value starting so is written bare: numbers Jackson itself would never write, like 1e400. */
    private static final String RAW = "__raw__";

    static Platform platform;
    /** Replaced by a new one after a connection that ended without an answer. */
    static HttpClient http = newClient();

    @BeforeAll
    static void start(@TempDir Path dataDir) {
        platform = Platform.start(dataDir);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void everyOperationRefusesMalformedInputAsAProblemAndAppendsNothing() throws Exception {
        JsonNode docs = apiDocs();
        Random random = new Random(SEED);
        Map<String, Map<String, Integer>> statuses = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        List<String> acceptedWrites = new ArrayList<>();
        int operations = 0;
        int total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> p = docs.path("paths").fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> path = p.next();
            for (Iterator<Map.Entry<String, JsonNode>> o = path.getValue().fields(); o.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = o.next();
                String method = entry.getKey().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                operations++;
                String key = method + " " + path.getKey();
                Map<String, Integer> counts = statuses.computeIfAbsent(key, k -> new TreeMap<>());
                for (Case c : cases(docs, method, path.getKey(), entry.getValue(), random)) {
                    total++;
                    Outcome outcome = runOrNoAnswer(c);
                    counts.merge(String.valueOf(outcome.status), 1, Integer::sum);
                    String problem = outcome.problem();
                    if (problem != null) {
                        wrong.add(key + " [" + c.name + "]: " + problem);
                    }
                    if (outcome.status / 100 == 2 && !method.equals("GET")) {
                        acceptedWrites.add(key + " [" + c.name + "]: " + outcome.status);
                    }
                }
            }
        }
        printSummary(statuses, total);
        System.out.println("Writes accepted as valid (2xx), for review:\n  " + String.join("\n  ", acceptedWrites));
        assertThat(operations).as("operations in /v3/api-docs").isGreaterThanOrEqualTo(20);
        assertThat(total).as("cases tried").isGreaterThanOrEqualTo(300);
        assertThat(wrong).as("cases answered otherwise than 4xx problem+json (or 2xx for valid input), or appending while refused")
                .isEmpty();
    }

    // ---- running one case ----

    private record Case(String name, String method, String path, String contentType, byte[] body,
                        Map<String, String> headers, boolean stream) {
    }

    private record Outcome(int status, String contentType, long appended, String bodyStart) {
        /** What is wrong with this answer, or null if it is what bad input must get. */
        String problem() {
            if (status >= 400 && status < 500) {
                if (contentType == null || !contentType.startsWith("application/problem+json")) {
                    return status + " with Content-Type " + contentType + ", expected application/problem+json: " + bodyStart;
                }
                if (appended != 0) {
                    return status + " but " + appended + " event(s) appended";
                }
                return null;
            }
            if (status >= 200 && status < 300) {
                return null;
            }
            return status + " (" + contentType + "): " + bodyStart;
        }
    }

    /** A connection dropped without an answer is a failure too, named by its case; the next call gets a new one. */
    private static Outcome runOrNoAnswer(Case c) throws Exception {
        try {
            return run(c);
        } catch (java.io.IOException e) {
            http = newClient();
            return new Outcome(-1, null, 0, "no answer: " + e);
        }
    }

    private static Outcome run(Case c) throws Exception {
        long before = platform.eventCount();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + c.path))
                .timeout(Duration.ofSeconds(c.stream ? 5 : 15))
                .header("Accept", c.stream ? "text/event-stream, application/problem+json" : "application/json, application/problem+json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + Platform.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        c.headers.forEach(request::header);
        if (c.body == null) {
            request.method(c.method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", c.contentType).method(c.method, HttpRequest.BodyPublishers.ofByteArray(c.body));
        }
        // A stream never ends, and a body refused before it is read ends its connection: each gets
        // its own client, so that connection is never offered to the next case.
        HttpClient client = c.stream || c.body != null && c.body.length > HUGE ? newClient() : http;
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        String bodyStart;
        try (InputStream body = response.body()) {
            bodyStart = response.statusCode() == 200 && c.stream ? "(stream)" : new String(body.readNBytes(300), StandardCharsets.UTF_8);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        if (response.statusCode() / 100 == 2 && !c.method.equals("GET")) {
            // Valid after all, and accepted: let the alerts it raises land before the next case counts.
            platform.awaitQuiet();
            return new Outcome(response.statusCode(), contentType, 0, bodyStart);
        }
        return new Outcome(response.statusCode(), contentType, platform.eventCount() - before, bodyStart);
    }

    private static void printSummary(Map<String, Map<String, Integer>> statuses, int total) {
        StringBuilder out = new StringBuilder("\nBad-input fuzz (seed " + SEED + "): " + total + " cases\n");
        out.append(String.format("%-62s %6s  %s%n", "operation", "cases", "statuses"));
        Map<String, Integer> all = new TreeMap<>();
        statuses.forEach((operation, counts) -> {
            out.append(String.format("%-62s %6d  %s%n", operation,
                    counts.values().stream().mapToInt(Integer::intValue).sum(), counts));
            counts.forEach((status, n) -> all.merge(status, n, Integer::sum));
        });
        out.append(String.format("%-62s %6d  %s%n", "ALL", total, all));
        System.out.println(out);
    }

    private static JsonNode apiDocs() throws Exception {
        HttpResponse<String> docs = http.send(HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/v3/api-docs"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).isEqualTo(200);
        return MAPPER.readTree(docs.body());
    }

    // ---- generating the cases of one operation ----

    private static List<Case> cases(JsonNode docs, String method, String template, JsonNode operation, Random random) {
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode p : operation.path("parameters")) {
            parameters.add(new Parameter(p.path("name").asText(), p.path("in").asText(), p.path("required").asBoolean(),
                    resolve(docs, p.path("schema"))));
        }
        boolean stream = template.endsWith("/stream");
        // Starting work (a rebuild) is only ever asked with a malformed name, which must be 404.
        boolean startsWork = template.endsWith("/rebuild");
        List<Case> cases = new ArrayList<>();
        Map<String, String> validPath = new LinkedHashMap<>();
        Map<String, String> validQuery = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            if (p.in.equals("path")) {
                validPath.put(p.name, "FUZZ-" + p.name);
            } else if (p.in.equals("query") && p.required) {
                validQuery.put(p.name, sample(p.schema, p.name).asText());
            }
        }
        // Every operation, even one without parameters: an unknown query parameter with control
        // characters and invalid UTF-8 in its name and value.
        if (!startsWork) {
            cases.add(new Case("unknown query parameter", method,
                    uri(template, validPath, validQuery) + (validQuery.isEmpty() ? "?" : "&") + "%00fuzz%FF=%0A%FF%FE",
                    "application/json", null, Map.of(), stream));
        }
        if (stream) {
            // The live stream is only asked where it resumes: a malformed last id, briefly.
            for (String bad : List.of("x", "-1", "99999999999999999999999", "%00", "%FF%FE")) {
                cases.add(new Case("lastEventId=" + bad, method, template + "?lastEventId=" + bad, null, null, Map.of(), true));
            }
            for (String bad : List.of("x", "-1", "99999999999999999999999", "1e400")) {
                cases.add(new Case("Last-Event-ID: " + bad, method, template, null, null, Map.of("Last-Event-ID", bad), true));
            }
            return cases;
        }
        JsonNode bodySchema = requestBodySchema(docs, operation);
        byte[] validBody = bodySchema == null ? null : bytes(sample(docs, bodySchema, 0));

        // Path parameters: each malformed in turn (percent-encoded where not URL-safe).
        for (Parameter p : parameters) {
            if (!p.in.equals("path")) {
                continue;
            }
            for (String bad : malformedPathValues(random)) {
                Map<String, String> values = new LinkedHashMap<>(validPath);
                values.put(p.name, bad);
                cases.add(new Case("path " + p.name + "=" + abbreviate(bad), method, uri(template, values, validQuery),
                        "application/json", validBody, Map.of(), false));
            }
        }
        if (startsWork) {
            return cases;
        }
        // Query parameters: each malformed in turn, the others valid.
        for (Parameter p : parameters) {
            if (!p.in.equals("query")) {
                continue;
            }
            for (String bad : malformedQueryValues(p, random)) {
                Map<String, String> query = new LinkedHashMap<>(validQuery);
                query.put(p.name, bad);
                cases.add(new Case("query " + p.name + "=" + abbreviate(bad), method, uri(template, validPath, query),
                        "application/json", validBody, Map.of(), false));
            }
        }
        if (bodySchema != null) {
            String target = uri(template, validPath, validQuery);
            for (Map.Entry<String, byte[]> body : malformedBodies(docs, bodySchema, random).entrySet()) {
                cases.add(new Case(body.getKey(), method, target, "application/json", body.getValue(), Map.of(), false));
            }
            cases.add(new Case("Content-Type text/plain", method, target, "text/plain", validBody, Map.of(), false));
            cases.add(new Case("Content-Type application/xml", method, target, "application/xml", validBody, Map.of(), false));
            cases.add(new Case("Content-Type form", method, target, "application/x-www-form-urlencoded", "a=b".getBytes(StandardCharsets.UTF_8), Map.of(), false));
        }
        return cases;
    }

    private record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    private static List<String> malformedPathValues(Random random) {
        return List.of("%00", "%0A%0D", "%FF%FE", "..%2F..%2Fetc", "%20", "x".repeat(1000 + random.nextInt(500)),
                "%7B%22a%22%3A1%7D", "1e400");
    }

    private static List<String> malformedQueryValues(Parameter p, Random random) {
        List<String> bad = new ArrayList<>(List.of("", "x", "%00", "%1F%7F", "%FF%FE", "1e400", "9223372036854775808",
                "-1", "x".repeat(1000 + random.nextInt(1000)), "2026-3", "2026-13", "2026-00", "99999-01",
                "2026-13-45", "99999-01-01T00:00:00Z", "%2B99999-01-01T00:00:00Z", "2026-13-45T00:00:00Z",
                "2026-02-30T00:00:00Z", "2026-03-01T25:00:00Z", "2026-03-01T00:00:00", "-999999999-01-01T00:00:00Z"));
        return bad;
    }

    private static Map<String, byte[]> malformedBodies(JsonNode docs, JsonNode schema, Random random) {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        JsonNode valid = sample(docs, schema, 0);
        bodies.put("empty body", new byte[0]);
        bodies.put("null", bytes("null"));
        bodies.put("{}", bytes("{}"));
        bodies.put("not JSON", bytes("not json"));
        bodies.put("array where the object belongs", bytes("[" + valid + "]"));
        bodies.put("string where the object belongs", bytes("\"" + valid.toString().replace("\"", "'") + "\""));
        bodies.put("trailing object", bytes(valid + " {}"));
        bodies.put("trailing garbage", bytes(valid + "x"));
        bodies.put("truncated", bytes(valid.toString().substring(0, valid.toString().length() - 1)));
        bodies.put("deeply nested", bytes("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}"));
        bodies.put("deeply nested objects", bytes("{\"a\":".repeat(3000) + "1" + "}".repeat(3000)));
        bodies.put("over the size limit", bytes("{\"a\":\"" + "x".repeat(OVER_LIMIT) + "\"}"));
        bodies.put("raw NUL byte", concat(bytes("{"), new byte[] {0}, bytes(valid.toString().substring(1))));
        bodies.put("invalid UTF-8 outside strings", concat(bytes("{"), new byte[] {(byte) 0xC3, (byte) 0x28}, bytes(valid.toString().substring(1))));
        if (valid instanceof ObjectNode object) {
            ObjectNode unknown = object.deepCopy();
            unknown.put("fuzzUnknownField", "x");
            bodies.put("unknown field", bytes(unknown));
            for (Iterator<Map.Entry<String, JsonNode>> f = properties(docs, schema).fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> field = f.next();
                String name = field.getKey();
                JsonNode fieldSchema = resolve(docs, field.getValue());
                String validText = valid.toString();
                String first = "{\"" + name + "\":" + object.path(name) + ",";
                bodies.put(name + " given twice", bytes(first + validText.substring(1)));
                for (Map.Entry<String, JsonNode> wrong : wrongValues(fieldSchema).entrySet()) {
                    ObjectNode mutated = object.deepCopy();
                    mutated.set(name, wrong.getValue());
                    bodies.put(name + " " + wrong.getKey(), bytes(mutated));
                }
                if ("string".equals(fieldSchema.path("type").asText())) {
                    ObjectNode nul = object.deepCopy();
                    nul.put(name, "a\u0000b");
                    bodies.put(name + " with NUL", bytes(nul));
                    ObjectNode control = object.deepCopy();
                    control.put(name, "a\u001b[2J\nb");
                    bodies.put(name + " with control characters", bytes(control));
                    // Invalid UTF-8 inside the value: the bytes of "é" cut in half.
                    String marker = "\"" + name + "\":";
                    int at = validText.indexOf(marker) + marker.length();
                    bodies.put(name + " with invalid UTF-8", concat(bytes(validText.substring(0, at) + "\"a"),
                            new byte[] {(byte) 0xC3, (byte) 0xFF}, bytes("b\"" + validText.substring(at + object.path(name).toString().length()))));
                }
            }
            // Random byte damage to a valid body: the generator's seed makes it reproducible.
            byte[] base = bytes(object);
            for (int i = 0; i < RANDOM_BYTE_FLIPS; i++) {
                byte[] damaged = base.clone();
                for (int k = 0; k < 1 + random.nextInt(3); k++) {
                    damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                }
                bodies.put("random bytes #" + i, damaged);
            }
        }
        return bodies;
    }

    /** Values of the wrong type or out of range for a field of this schema. */
    private static Map<String, JsonNode> wrongValues(JsonNode schema) {
        Map<String, JsonNode> wrong = new LinkedHashMap<>();
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
        wrong.put("null", JSON.nullNode());
        wrong.put("as object", JSON.objectNode().put("a", 1));
        wrong.put("as array", JSON.arrayNode().add("a"));
        if (!type.equals("boolean")) {
            wrong.put("as boolean", JSON.booleanNode(true));
        }
        switch (type) {
            case "string" -> {
                wrong.put("as number", JSON.numberNode(1.5));
                wrong.put("huge", JSON.textNode("x".repeat(HUGE)));
                wrong.put("empty", JSON.textNode(""));
                wrong.put("blank", JSON.textNode("   "));
                if (schema.has("enum")) {
                    wrong.put("not in enum", JSON.textNode("NOT_A_VALUE"));
                }
                String format = schema.path("format").asText();
                if (format.equals("date-time")) {
                    wrong.put("year 99999", JSON.textNode("99999-01-01T00:00:00Z"));
                    wrong.put("year +99999", JSON.textNode("+99999-01-01T00:00:00Z"));
                    wrong.put("month 13 day 45", JSON.textNode("2026-13-45T00:00:00Z"));
                    wrong.put("date only 2026-13-45", JSON.textNode("2026-13-45"));
                    wrong.put("epoch number 2^63", JSON.numberNode(new java.math.BigInteger("9223372036854775808")));
                } else if (format.equals("date")) {
                    wrong.put("year +99999", JSON.textNode("+99999-01-01"));
                    wrong.put("2026-13-45", JSON.textNode("2026-13-45"));
                    wrong.put("2026-02-30", JSON.textNode("2026-02-30"));
                }
            }
            case "integer", "number" -> {
                wrong.put("as string", JSON.textNode("abc"));
                wrong.put("1e400", JSON.textNode(RAW + "1e400"));
                wrong.put("-1e400", JSON.textNode(RAW + "-1e400"));
                wrong.put("2^63", JSON.numberNode(new java.math.BigInteger("9223372036854775808")));
                wrong.put("-2^63-1", JSON.numberNode(new java.math.BigInteger("-9223372036854775809")));
                wrong.put("-1", JSON.numberNode(-1));
                wrong.put("fraction", JSON.numberNode(0.5));
            }
            case "boolean" -> wrong.put("as string", JSON.textNode("yes"));
            case "array" -> wrong.put("object where array belongs", JSON.objectNode());
            default -> wrong.put("as string", JSON.textNode("x"));
        }
        return wrong;
    }

    // ---- valid-looking samples from a schema ----

    private static JsonNode sample(JsonNode docs, JsonNode schema, int depth) {
        JsonNode s = resolve(docs, schema);
        if (s.has("enum") && s.path("enum").size() > 0) {
            return s.path("enum").get(0);
        }
        String type = s.path("type").asText(s.has("properties") ? "object" : "string");
        switch (type) {
            case "object": {
                ObjectNode object = JSON.objectNode();
                if (depth < 4) {
                    for (Iterator<Map.Entry<String, JsonNode>> f = properties(docs, s).fields(); f.hasNext(); ) {
                        Map.Entry<String, JsonNode> field = f.next();
                        object.set(field.getKey(), sample(docs, field.getValue(), depth + 1));
                    }
                }
                return object;
            }
            case "array": {
                ArrayNode array = JSON.arrayNode();
                if (depth < 4) {
                    array.add(sample(docs, s.path("items"), depth + 1));
                }
                return array;
            }
            default:
                return sample(s, "");
        }
    }

    private static JsonNode sample(JsonNode s, String name) {
        String type = s.path("type").asText("string");
        String format = s.path("format").asText();
        if (s.has("enum") && s.path("enum").size() > 0) {
            return s.path("enum").get(0);
        }
        return switch (type) {
            case "integer" -> JSON.numberNode(Math.max(1, s.path("minimum").asInt(1)));
            case "number" -> JSON.numberNode(Math.max(1.0, s.path("minimum").asDouble(1.0)));
            case "boolean" -> JSON.booleanNode(true);
            default -> switch (format) {
                case "date-time" -> JSON.textNode("2026-03-01T08:00:00Z");
                case "date" -> JSON.textNode("2026-03-01");
                default -> JSON.textNode(name.equals("month") ? "2026-03" : "FUZZ1");
            };
        };
    }

    private static JsonNode requestBodySchema(JsonNode docs, JsonNode operation) {
        JsonNode content = operation.path("requestBody").path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return null;
        }
        JsonNode json = content.has("application/json") ? content.path("application/json") : content.elements().next();
        return resolve(docs, json.path("schema"));
    }

    private static JsonNode properties(JsonNode docs, JsonNode schema) {
        JsonNode s = resolve(docs, schema);
        return s.has("properties") ? s.path("properties") : JSON.objectNode();
    }

    private static JsonNode resolve(JsonNode docs, JsonNode schema) {
        JsonNode s = schema;
        for (int i = 0; i < 10 && s.has("$ref"); i++) {
            String ref = s.path("$ref").asText();
            s = docs.at(ref.substring(1));
        }
        if (s.has("allOf") && s.path("allOf").size() == 1) {
            return resolve(docs, s.path("allOf").get(0));
        }
        return s;
    }

    // ---- bytes and URIs ----

    private static String uri(String template, Map<String, String> path, Map<String, String> query) {
        String uri = template;
        for (Map.Entry<String, String> p : path.entrySet()) {
            uri = uri.replace("{" + p.getKey() + "}", p.getValue());
        }
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, String> p : query.entrySet()) {
            q.append(q.length() == 0 ? "?" : "&").append(p.getKey()).append('=').append(urlSafe(p.getValue()));
        }
        return uri + q;
    }

    /** Values already percent-encoded (%00) are kept; anything else not URL-safe is encoded. */
    private static String urlSafe(String value) {
        return value.matches("[A-Za-z0-9%._~:+-]*") ? value : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 12) + "...(" + value.length() + " chars)" : value;
    }

    private static byte[] bytes(Object text) {
        return String.valueOf(text).replaceAll("\"" + RAW + "([^\"]*)\"", "$1").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}

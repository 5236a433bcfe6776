package org.hospital.surveillance.app.apidocs;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.io.ClassPathResource;

/**
 * Lays what the code cannot say ({@code openapi/contract.yaml}) over what springdoc found in the
 * controllers. springdoc knows the paths, parameters, response shapes and request bodies the code
 * serves: each body's schema (fields, enums, required, bounds) comes from its typed request record
 * and its Bean Validation constraints. The file adds the roles (in the description and as
 * {@code x-roles}, enforced by paths in the security configuration), the summaries, the outcomes
 * (201 RECORDED, 200 DUPLICATE or AMENDED, 404, 409) and the problem+json errors. Operations the
 * file does not know are left as springdoc describes them (a test makes sure there are none);
 * entries for operations this build does not serve are not added.
 */
public final class ContractDescription implements OpenApiCustomizer {

    static final String CONTRACT = "openapi/contract.yaml";
    public static final String ROLES = "x-roles";
    private static final Pattern SCHEMA_REF = Pattern.compile("#/components/schemas/([A-Za-z0-9_.-]+)");

    private final OpenAPI contract;

    public ContractDescription() {
        this(load(CONTRACT));
    }

    ContractDescription(OpenAPI contract) {
        this.contract = contract;
    }

    static OpenAPI load(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return Yaml.mapper().readValue(in, OpenAPI.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the API contract " + resource, e);
        }
    }

    @Override
    public void customise(OpenAPI served) {
        served.setInfo(contract.getInfo());
        served.setTags(contract.getTags());
        served.setSecurity(contract.getSecurity());
        Components components = served.getComponents() != null ? served.getComponents() : new Components();
        components.setSecuritySchemes(contract.getComponents().getSecuritySchemes());
        components.setResponses(contract.getComponents().getResponses());
        Map<String, io.swagger.v3.oas.models.media.Schema> schemas = new LinkedHashMap<>();
        if (components.getSchemas() != null) {
            schemas.putAll(components.getSchemas());
        }
        schemas.putAll(contract.getComponents().getSchemas());
        components.setSchemas(schemas);
        served.setComponents(components);
        if (served.getPaths() == null) {
            return;
        }
        served.getPaths().forEach((path, item) -> {
            PathItem described = contract.getPaths().get(path);
            if (described != null) {
                item.readOperationsMap().forEach((method, operation) ->
                        describe(operation, described.readOperationsMap().get(method)));
            }
        });
        components.getSchemas().keySet().retainAll(referencedSchemas(served));
    }

    /**
     * The schemas the description refers to, directly or through other schemas; springdoc's own
     * for the response shapes the contract replaced go.
     */
    private static Set<String> referencedSchemas(OpenAPI served) {
        Map<String, String> schemaJson = new LinkedHashMap<>();
        served.getComponents().getSchemas().forEach((name, schema) -> schemaJson.put(name, json(schema)));
        Set<String> referenced = new LinkedHashSet<>();
        Deque<String> toVisit = new ArrayDeque<>();
        toVisit.add(json(served.getPaths()) + json(served.getComponents().getResponses()));
        while (!toVisit.isEmpty()) {
            Matcher ref = SCHEMA_REF.matcher(toVisit.pop());
            while (ref.find()) {
                if (referenced.add(ref.group(1)) && schemaJson.containsKey(ref.group(1))) {
                    toVisit.add(schemaJson.get(ref.group(1)));
                }
            }
        }
        return referenced;
    }

    private static String json(Object part) {
        try {
            return Json.mapper().writeValueAsString(part);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void describe(Operation operation, Operation described) {
        if (described == null) {
            return;
        }
        operation.setTags(described.getTags());
        operation.setSummary(described.getSummary());
        operation.setDescription(described.getDescription());
        operation.setExtensions(described.getExtensions());
        describeParameters(operation.getParameters(), described.getParameters());
        operation.setResponses(responses(operation.getResponses(), described.getResponses()));
    }

    /** The served parameters (names, types, required as the code has them), with the contract's words. */
    private static void describeParameters(List<Parameter> served, List<Parameter> described) {
        if (served == null || described == null) {
            return;
        }
        for (Parameter parameter : served) {
            described.stream()
                    .filter(d -> Objects.equals(d.getName(), parameter.getName()) && Objects.equals(d.getIn(), parameter.getIn()))
                    .findFirst()
                    .ifPresent(d -> {
                        parameter.setDescription(d.getDescription());
                        if (d.getExample() != null) {
                            parameter.setExample(d.getExample());
                        }
                    });
        }
    }

    /**
     * The contract's responses; one the contract only describes in words keeps the shape springdoc
     * found for the code's answer (its 200).
     */
    private static ApiResponses responses(ApiResponses served, ApiResponses described) {
        ApiResponses merged = new ApiResponses();
        described.forEach((code, response) -> {
            ApiResponse found = served == null ? null : served.get(code);
            if (response.get$ref() == null && response.getContent() == null && found != null) {
                merged.addApiResponse(code, found.description(response.getDescription()));
            } else {
                merged.addApiResponse(code, response);
            }
        });
        return merged;
    }
}

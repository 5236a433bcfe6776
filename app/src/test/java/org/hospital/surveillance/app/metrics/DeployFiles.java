package org.hospital.surveillance.app.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.Yaml;

/** The repository's deployment files (docker-compose.yml, deploy/), read as their tools read them. */
final class DeployFiles {

    private DeployFiles() {
    }

    /** The repository root: the nearest folder up from the working directory with docker-compose.yml and deploy/. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("deploy"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("No repository root with docker-compose.yml above " + Path.of("").toAbsolutePath());
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) {
        try {
            return (Map<String, Object>) new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> files(String folder, String suffix) {
        try (Stream<Path> files = Files.list(path(folder))) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every PromQL expression of the Grafana dashboards: panel targets and template-variable queries. */
    static List<String> dashboardExpressions() {
        List<String> expressions = new ArrayList<>();
        for (Path file : files("deploy/grafana/dashboards", ".json")) {
            JsonNode dashboard = json(file);
            dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target -> {
                if (target.hasNonNull("expr")) {
                    expressions.add(target.get("expr").asText());
                }
            }));
            dashboard.path("templating").path("list").forEach(variable -> {
                String query = variable.path("query").path("query").asText(variable.path("query").asText(""));
                if (!query.isBlank()) {
                    expressions.add(query);
                }
            });
        }
        return expressions;
    }

    /** Every expression of the Prometheus alerting rules. */
    @SuppressWarnings("unchecked")
    static List<String> ruleExpressions() {
        List<String> expressions = new ArrayList<>();
        for (Path file : files("deploy/prometheus/rules", ".yml")) {
            for (Map<String, Object> group : (List<Map<String, Object>>) yaml(file).get("groups")) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                    expressions.add(String.valueOf(rule.get("expr")));
                }
            }
        }
        return expressions;
    }
}

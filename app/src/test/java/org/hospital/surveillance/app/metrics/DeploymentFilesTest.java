package org.hospital.surveillance.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml and deploy/ wired consistently: docker is not available where the build
 * runs, so the compose file is read as data and every reference in it (service names, ports,
 * credentials, replica-set name, mounted paths, data-source uid) is checked against its other end.
 * That the dashboards and rules name only metrics the platform exports is checked against a
 * running platform in {@link IndicatorMetricsTest}.
 */
class DeploymentFilesTest {

    private final Map<String, Object> compose = DeployFiles.yaml(DeployFiles.path("docker-compose.yml"));

    @Test
    void composeHasTheFiveServicesAndDeclaresEveryNamedVolume() {
        assertThat(services().keySet()).containsExactlyInAnyOrder("postgres", "mongo", "platform", "prometheus", "grafana");
        Set<String> declared = map(compose, "volumes").keySet();
        for (Map.Entry<String, Map<String, Object>> service : services().entrySet()) {
            for (String volume : list(service.getValue(), "volumes")) {
                String source = volume.split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(DeployFiles.path(source.substring(2))).as(service.getKey() + " mounts " + source).exists();
                } else {
                    assertThat(declared).as(service.getKey() + " uses volume " + source).contains(source);
                }
            }
        }
    }

    @Test
    void thePlatformImageIsTheBuiltJar() throws Exception {
        assertThat(service("platform").get("build")).isEqualTo(".");
        String dockerfile = Files.readString(DeployFiles.path("Dockerfile"));
        assertThat(dockerfile).contains("COPY app/target/infection-surveillance.jar ");
        assertThat(Files.readString(DeployFiles.path(".dockerignore"))).contains("!app/target/infection-surveillance.jar");
        // The jar's name is the app module's finalName.
        assertThat(Files.readString(DeployFiles.path("app/pom.xml"))).contains("<finalName>infection-surveillance</finalName>");
    }

    @Test
    void thePlatformKeepsEventsInThePostgresServiceWithItsCredentials() {
        Map<String, Object> postgres = map(service("postgres"), "environment");
        Map<String, Object> platform = map(service("platform"), "environment");
        URI url = URI.create(String.valueOf(platform.get("SPRING_DATASOURCE_URL")).substring("jdbc:".length()));
        assertThat(url.getScheme()).isEqualTo("postgresql");
        assertThat(url.getHost()).isEqualTo("postgres");
        assertThat(url.getPort()).isEqualTo(5432);
        assertThat(url.getPath()).isEqualTo("/" + postgres.get("POSTGRES_DB"));
        assertThat(platform.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(platform.get("SPRING_DATASOURCE_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
        assertThat(map(service("platform"), "depends_on")).containsEntry("postgres", Map.of("condition", "service_healthy"));
    }

    @Test
    void thePlatformKeepsReadModelsInTheMongoReplicaSetTheMongoServiceInitiates() {
        String uri = String.valueOf(map(service("platform"), "environment").get("MONGODB_URI"));
        assertThat(uri).startsWith("mongodb://mongo:27017/surveillance?").contains("replicaSet=rs0");
        List<String> command = list(service("mongo"), "command");
        assertThat(command.get(command.indexOf("--replSet") + 1)).isEqualTo("rs0");
        String healthcheck = String.join(" ", list(map(service("mongo"), "healthcheck"), "test"));
        assertThat(healthcheck).contains("rs.initiate({_id: 'rs0', members: [{_id: 0, host: 'mongo:27017'}]})")
                .contains("isWritablePrimary");
        assertThat(map(service("platform"), "depends_on")).containsEntry("mongo", Map.of("condition", "service_healthy"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesThePlatformAndLoadsTheRulesFromItsMountedConfig() {
        Map<String, Object> prometheus = service("prometheus");
        String configFolder = mountTarget(prometheus, "./deploy/prometheus");
        assertThat(list(prometheus, "command")).contains("--config.file=" + configFolder + "/prometheus.yml");

        Map<String, Object> config = DeployFiles.yaml(DeployFiles.path("deploy/prometheus/prometheus.yml"));
        List<Map<String, Object>> scrapes = (List<Map<String, Object>>) config.get("scrape_configs");
        Map<String, Object> job = scrapes.stream().filter(s -> "infection-surveillance".equals(s.get("job_name")))
                .findFirst().orElseThrow();
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        List<String> targets = (List<String>) ((List<Map<String, Object>>) job.get("static_configs")).get(0).get("targets");
        assertThat(targets).containsExactly("platform:" + platformContainerPort());

        for (String pattern : (List<String>) config.get("rule_files")) {
            String folder = pattern.substring(0, pattern.lastIndexOf('/'));
            assertThat(DeployFiles.files("deploy/prometheus/" + folder, ".yml")).as(pattern).isNotEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafanaReadsTheComposePrometheusAndLoadsEveryDashboardThroughThatDataSource() {
        Map<String, Object> grafana = service("grafana");
        assertThat(mountTarget(grafana, "./deploy/grafana/provisioning")).isEqualTo("/etc/grafana/provisioning");
        String dashboardsFolder = mountTarget(grafana, "./deploy/grafana/dashboards");

        Map<String, Object> sources = DeployFiles.yaml(DeployFiles.path("deploy/grafana/provisioning/datasources/prometheus.yml"));
        Map<String, Object> source = ((List<Map<String, Object>>) sources.get("datasources")).get(0);
        assertThat(source.get("type")).isEqualTo("prometheus");
        assertThat(source.get("url")).isEqualTo("http://prometheus:9090");
        assertThat(ports(service("prometheus"))).contains("9090");
        String uid = String.valueOf(source.get("uid"));

        Map<String, Object> providers = DeployFiles.yaml(DeployFiles.path("deploy/grafana/provisioning/dashboards/surveillance.yml"));
        Map<String, Object> provider = ((List<Map<String, Object>>) providers.get("providers")).get(0);
        assertThat(map(provider, "options").get("path")).isEqualTo(dashboardsFolder);
        String home = String.valueOf(map(grafana, "environment").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"));
        assertThat(home).startsWith(dashboardsFolder + "/");
        assertThat(DeployFiles.path("deploy/grafana/dashboards").resolve(home.substring(dashboardsFolder.length() + 1))).exists();

        List<Path> dashboards = DeployFiles.files("deploy/grafana/dashboards", ".json");
        assertThat(dashboards).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                "ward-infection-overview.json", "compliance-versus-targets.json", "pipeline-health.json");
        Set<String> dashboardUids = new HashSet<>();
        for (Path file : dashboards) {
            JsonNode dashboard = DeployFiles.json(file);
            assertThat(dashboardUids.add(dashboard.path("uid").asText())).as("unique uid in " + file).isTrue();
            assertThat(dashboard.path("title").asText()).isNotBlank();
            List<JsonNode> dataSources = new ArrayList<>();
            dashboard.path("panels").forEach(panel -> {
                if (!"row".equals(panel.path("type").asText())) {
                    dataSources.add(panel.path("datasource"));
                    assertThat(panel.path("targets").size()).as(file + " " + panel.path("title")).isPositive();
                    panel.path("targets").forEach(target -> dataSources.add(target.path("datasource")));
                }
            });
            dashboard.path("templating").path("list").forEach(variable -> dataSources.add(variable.path("datasource")));
            assertThat(dataSources).isNotEmpty().allSatisfy(ds -> assertThat(ds.path("uid").asText()).isEqualTo(uid));
        }
    }

    @Test
    void prometheusAndGrafanaStartAfterWhatTheyRead() {
        assertThat(list(service("prometheus"), "depends_on")).contains("platform");
        assertThat(list(service("grafana"), "depends_on")).contains("prometheus");
    }

    private int platformContainerPort() {
        // server.port defaults to 8080 (application.yml); compose publishes that container port.
        assertThat(map(service("platform"), "environment")).doesNotContainKey("SERVER_PORT");
        assertThat(ports(service("platform"))).contains("8080");
        return 8080;
    }

    private static List<String> ports(Map<String, Object> service) {
        List<String> containerPorts = new ArrayList<>();
        for (String mapping : list(service, "ports")) {
            containerPorts.add(mapping.substring(mapping.lastIndexOf(':') + 1));
        }
        return containerPorts;
    }

    private static String mountTarget(Map<String, Object> service, String source) {
        for (String volume : list(service, "volumes")) {
            String[] parts = volume.split(":");
            if (parts[0].equals(source)) {
                return parts[1];
            }
        }
        throw new AssertionError("No mount of " + source + " in " + service);
    }

    private Map<String, Map<String, Object>> services() {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) (Map<?, ?>) map(compose, "services");
        return services;
    }

    private Map<String, Object> service(String name) {
        return services().get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(List.class);
        return ((List<Object>) value).stream().map(String::valueOf).toList();
    }
}

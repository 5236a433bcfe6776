package org.hospital.surveillance.app.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A real Prometheus (Debian's {@code prometheus} binary, installed by {@code .ci/run}) on loopback,
 * run with the repository's own {@code deploy/prometheus/prometheus.yml} and alerting rules; only
 * the scrape target (the test's platform instead of the compose service) and the intervals (1 s
 * instead of 15 s, so a test waits seconds, not minutes) are changed.
 */
final class PrometheusServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    private PrometheusServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Prometheus scraping {@code target} (host:port) and waits until it is ready. */
    @SuppressWarnings("unchecked")
    static PrometheusServer start(String target, Path workDir) throws IOException {
        Path binary = binary();
        Map<String, Object> config = DeployFiles.yaml(DeployFiles.path("deploy/prometheus/prometheus.yml"));
        Map<String, Object> global = (Map<String, Object>) config.get("global");
        global.put("scrape_interval", "1s");
        global.put("evaluation_interval", "1s");
        List<String> rules = new ArrayList<>();
        for (String pattern : (List<String>) config.get("rule_files")) {
            rules.add(DeployFiles.path("deploy/prometheus").resolve(pattern).toString());
        }
        config.put("rule_files", rules);
        List<Map<String, Object>> scrapes = (List<Map<String, Object>>) config.get("scrape_configs");
        Map<String, Object> job = scrapes.stream().filter(s -> "infection-surveillance".equals(s.get("job_name")))
                .findFirst().orElseThrow();
        ((List<Map<String, Object>>) job.get("static_configs")).get(0).put("targets", List.of(target));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Path configFile = workDir.resolve("prometheus.yml");
        Files.writeString(configFile, new Yaml(options).dump(config));

        int port = freePort();
        Path log = workDir.resolve("prometheus.log");
        Process process = new ProcessBuilder(binary.toString(),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + workDir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PrometheusServer server = new PrometheusServer(process, port);
        try {
            Awaitility.await("Prometheus ready on 127.0.0.1:" + port + " (log: " + log + ")")
                    .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("Prometheus exited:\n" + Files.readString(log));
                        }
                        return server.status("/-/ready") == 200;
                    });
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The binary on the PATH; missing is a failure that says how to get it, never a skipped test. */
    static Path binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "prometheus");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("The 'prometheus' binary is not on the PATH. This test runs a real Prometheus: "
                + "install Debian's package (apt-get update && apt-get install -y prometheus), as .ci/run does.");
    }

    /** {@code /api/v1/query}: the instant vector of {@code expression}, as the API's {@code data.result} array. */
    JsonNode query(String expression) throws IOException, InterruptedException {
        JsonNode body = get("/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8));
        return body.path("data").path("result");
    }

    /** {@code /api/v1/alerts}: the alerts the rules produce now (pending and firing). */
    JsonNode alerts() throws IOException, InterruptedException {
        return get("/api/v1/alerts").path("data").path("alerts");
    }

    /** {@code /api/v1/targets}: the active scrape targets. */
    JsonNode targets() throws IOException, InterruptedException {
        return get("/api/v1/targets").path("data").path("activeTargets");
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Prometheus answered " + response.statusCode() + " to " + path + ": " + response.body());
        }
        JsonNode body = json.readTree(response.body());
        if (!"success".equals(body.path("status").asText())) {
            throw new IllegalStateException("Prometheus failed " + path + ": " + response.body());
        }
        return body;
    }

    private int status(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

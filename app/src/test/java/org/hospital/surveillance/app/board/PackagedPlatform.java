package org.hospital.surveillance.app.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The packaged platform, {@code app/target/infection-surveillance.jar}, started as an operator
 * starts it ({@code java -jar}) in a child process, configured only through environment variables:
 * a free port, a data directory, the test users ({@code nurse1} NURSE, {@code lab1} LAB,
 * {@code epi1} EPIDEMIOLOGIST, {@code admin} ADMIN, password {@value #PASSWORD}). Its output goes
 * to a log file under {@code target/}, named in every failure.
 */
public final class PackagedPlatform implements AutoCloseable {

    public static final String PASSWORD = "secret";
    private static final Map<String, String> USERS = Map.of(
            "nurse1", "NURSE", "lab1", "LAB", "epi1", "EPIDEMIOLOGIST", "admin", "ADMIN");
    private static final Duration START_UP = Duration.ofSeconds(600);

    private final Path jar;
    private final Path dataDir;
    private final int port;
    private final Map<String, String> extraEnvironment;
    private final Path log;
    private Process process;

    private PackagedPlatform(Path jar, Path dataDir, int port, Map<String, String> extraEnvironment, Path log) {
        this.jar = jar;
        this.dataDir = dataDir;
        this.port = port;
        this.extraEnvironment = extraEnvironment;
        this.log = log;
    }

    /** Starts the jar the {@code package} phase built, on a free port, with its data under {@code dataDir}. */
    public static PackagedPlatform start(Path dataDir, String logName, Map<String, String> extraEnvironment) {
        PackagedPlatform platform = new PackagedPlatform(packagedJar(), dataDir, freePort(), extraEnvironment,
                Paths.get("target", logName + ".log").toAbsolutePath());
        platform.startProcess();
        return platform;
    }

    static Path packagedJar() {
        Path jar = Paths.get(System.getProperty("surveillance.jar", "target/infection-surveillance.jar")).toAbsolutePath();
        assertThat(jar).as("the packaged platform (run this test with ./mvnw verify, which packages it first)").isRegularFile();
        return jar;
    }

    int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /** Stops the process the way an operator's stop does (SIGTERM), and waits for it to end. */
    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    /** Kills the process as a crash would (SIGKILL: no shutdown hook, nothing flushed), and waits for it to end. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The killed platform did not end (its output: " + log + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Starts it again on the same port and data directory, as after a restart (or a {@link #kill}). */
    public void restart() {
        stop();
        startProcess();
    }

    @Override
    public void close() {
        stop();
    }

    private void startProcess() {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dataDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.put("SURVEILLANCE_DATADIR", dataDir.resolve("data").toString());
        int i = 0;
        for (Map.Entry<String, String> user : new java.util.TreeMap<>(USERS).entrySet()) {
            environment.put("SURVEILLANCE_USERS_" + i + "_NAME", user.getKey());
            environment.put("SURVEILLANCE_USERS_" + i + "_PASSWORD", "{noop}" + PASSWORD);
            environment.put("SURVEILLANCE_USERS_" + i + "_ROLES", user.getValue());
            i++;
        }
        environment.putAll(extraEnvironment);
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
        awaitHealthy();
    }

    private void awaitHealthy() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).timeout(Duration.ofSeconds(5)).build();
        Awaitility.await("the packaged platform answers on port " + port + " (its output: " + log + ")")
                .atMost(START_UP).pollInterval(Duration.ofMillis(250))
                .failFast("the platform's process ended (its output: " + log + ")", () -> !process.isAlive())
                .until(() -> {
                    try {
                        HttpResponse<String> response = client.send(health, HttpResponse.BodyHandlers.ofString());
                        return response.statusCode() == 200 && response.body().contains("UP");
                    } catch (IOException notYet) {
                        return false;
                    }
                });
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Environment variables for {@link #start}, in the order given. */
    public static Map<String, String> environment(String... keyValues) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            environment.put(keyValues[i], keyValues[i + 1]);
        }
        return environment;
    }
}

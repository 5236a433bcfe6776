package org.hospital.surveillance.app.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's one table: per measure its value, the reference measured in the same run, their
 * ratio and the goal with met or missed; the machine, the date and the load average at the
 * start and end of each part; then the details each part wants to show (per processor, per instance).
 */
final class BenchmarkReport {

    record Row(String part, String measure, String value, String reference, String ratio, String goal, String verdict) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> parts = new ArrayList<>();
    private final List<String> details = new ArrayList<>();
    private final String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    private String currentPart;

    void row(String measure, String value, String reference, String ratio, String goal, String verdict) {
        rows.add(new Row(currentPart, measure, value, reference, ratio, goal, verdict));
    }

    void detail(String format, Object... args) {
        String text = args.length == 0 ? format : String.format(Locale.ROOT, format, args);
        details.add(text);
        System.out.println("  " + text);
    }

    void startPart(String name) {
        currentPart = name;
        parts.add(String.format(Locale.ROOT, "| %s | %s | %s |", name, Instant.now().truncatedTo(ChronoUnit.SECONDS), loadAverage()));
        System.out.println("== " + name + " (load " + loadAverage() + ")");
    }

    void endPart(String outcome) {
        int last = parts.size() - 1;
        parts.set(last, parts.get(last) + String.format(Locale.ROOT, " %s | %s | %s |",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), loadAverage(), outcome));
    }

    /** At least {@code goal}: met, or missed with the share of the goal reached. */
    static String atLeast(double value, double goal) {
        if (Double.isNaN(value)) {
            return "not measured";
        }
        return value >= goal ? "met" : String.format(Locale.ROOT, "missed (%.2f of the goal)", value / goal);
    }

    /** At most {@code goal}: met, or missed by a factor. */
    static String atMost(double value, double goal) {
        if (Double.isNaN(value)) {
            return "not measured";
        }
        return value <= goal ? "met" : String.format(Locale.ROOT, "missed (%.1fx the goal)", value / goal);
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    String markdown(String parameters) throws IOException, InterruptedException {
        StringBuilder out = new StringBuilder();
        out.append("# Benchmark report (issue 12)\n\n");
        out.append("Started ").append(started).append(", finished ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(". ").append(parameters).append("\n\n");
        out.append(machine()).append("\n");
        out.append("| part | measure | value | reference (same run) | ratio | goal | verdict |\n|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            out.append(String.join(" | ", "| " + r.part(), r.measure(), r.value(), r.reference(), r.ratio(), r.goal(),
                    r.verdict() + " |")).append("\n");
        }
        out.append("\nLoad average (1, 5, 15 min; running/all tasks) at the start and end of each part:\n\n");
        out.append("| part | started | load | ended | load | outcome |\n|---|---|---|---|---|---|\n");
        parts.forEach(p -> out.append(p).append("\n"));
        out.append("\nDetails:\n\n");
        details.forEach(d -> out.append("- ").append(d).append("\n"));
        return out.toString();
    }

    static String machine() throws IOException, InterruptedException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> l.replaceAll("\\s+", " ")).orElse("MemTotal unknown");
        return "Machine: nproc " + Runtime.getRuntime().availableProcessors() + ", CPU " + cpu + ", " + memory + ", Java "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), PostgreSQL "
                + postgresVersion() + ".\n";
    }

    private static String postgresVersion() {
        try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", ""); var s = c.createStatement();
             var r = s.executeQuery("SHOW server_version")) {
            r.next();
            return r.getString(1);
        } catch (Exception e) {
            return "unreachable";
        }
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2] + " (" + fields[3] + ")";
        } catch (IOException e) {
            return "?";
        }
    }

    void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}

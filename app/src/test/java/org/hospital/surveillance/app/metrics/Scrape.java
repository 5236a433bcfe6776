package org.hospital.surveillance.app.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hospital.surveillance.app.support.Platform;

/**
 * One scrape of {@code /actuator/prometheus}, read the way Prometheus reads it: the text format,
 * one sample a line, {@code name{label="value",...} number}.
 */
record Scrape(String text, List<Sample> samples) {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)(\\s+\\S+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Scrapes the running platform over HTTP, without credentials, as Prometheus does. */
    static Scrape of(Platform platform) {
        String text = platform.anonymous().mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return parse(text == null ? "" : text);
    }

    static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line.trim());
            if (!m.matches()) {
                throw new AssertionError("Not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, parseValue(m.group(4))));
        }
        return new Scrape(text, samples);
    }

    private static double parseValue(String value) {
        return switch (value) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }

    /** The value of the one sample with this name and (at least) these labels; fails if none or several. */
    double value(String name, String... labelPairs) {
        List<Sample> found = find(name, labelPairs);
        if (found.size() != 1) {
            throw new AssertionError("Expected one sample " + name + " " + List.of(labelPairs) + " but found "
                    + found + "\nall samples named so: " + find(name));
        }
        return found.get(0).value();
    }

    /** The value, or {@code orElse} when there is no such sample. */
    double valueOr(double orElse, String name, String... labelPairs) {
        List<Sample> found = find(name, labelPairs);
        return found.isEmpty() ? orElse : value(name, labelPairs);
    }

    List<Sample> find(String name, String... labelPairs) {
        List<Sample> found = new ArrayList<>();
        for (Sample sample : samples) {
            if (sample.name().equals(name) && hasLabels(sample, labelPairs)) {
                found.add(sample);
            }
        }
        return found;
    }

    Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    private static boolean hasLabels(Sample sample, String... labelPairs) {
        for (int i = 0; i < labelPairs.length; i += 2) {
            if (!labelPairs[i + 1].equals(sample.labels().get(labelPairs[i]))) {
                return false;
            }
        }
        return true;
    }
}

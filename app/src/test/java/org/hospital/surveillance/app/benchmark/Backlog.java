package org.hospital.surveillance.app.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.hospital.surveillance.app.support.Platform;

/**
 * What the catch-up benchmarks share: a platform on fresh stores (the embedded H2 file, or a new
 * PostgreSQL database), its processors stopped while generated facts are appended behind them
 * through Axon's storage engine, and the report, each line printed and written under
 * {@code target/} when the backlog is closed, with the load average where a line asks for it.
 */
final class Backlog implements AutoCloseable {

    final Platform platform;
    private final BenchmarkStore stores;
    private final Path reportFile;
    private final List<String> report = new ArrayList<>();

    private Backlog(Platform platform, BenchmarkStore stores, Path reportFile) {
        this.platform = platform;
        this.stores = stores;
        this.reportFile = reportFile;
    }

    /** A platform on {@code store} ({@code h2} or {@code postgres}) with the given extra settings. */
    static Backlog start(String reportName, String store, String... properties) throws IOException {
        BenchmarkStore stores = new BenchmarkStore("backlog", store);
        try {
            return new Backlog(stores.start(properties), stores, Path.of("target", reportName));
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
    }

    /**
     * Stops every processor and appends the history's events {@code from} (inclusive) to {@code to}
     * (exclusive) behind them, a thousand per transaction; the head position after them.
     */
    long appendBehindStoppedProcessors(GeneratedHistory history, int from, int to) {
        platform.streamingProcessors().forEach(StreamingEventProcessor::shutDown);
        history.appendTo(platform.bean(EventStorageEngine.class), from, to, 1000);
        return head();
    }

    /** The position of the newest stored event. */
    long head() {
        return platform.bean(EventStore.class).createHeadToken().position().orElse(-1L);
    }

    /** How far a processor has come: its least advanced segment's position. */
    static long position(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(-1L)).min().orElse(-1L);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.add(text);
        System.out.println(text);
    }

    /** Stops the platform, drops its stores, and writes the report (also after a failed measure). */
    @Override
    public void close() throws IOException {
        try {
            platform.close();
        } finally {
            stores.close();
            Files.createDirectories(reportFile.toAbsolutePath().getParent());
            Files.write(reportFile, report, StandardCharsets.UTF_8);
        }
    }
}

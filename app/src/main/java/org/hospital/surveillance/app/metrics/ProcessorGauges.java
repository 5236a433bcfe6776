package org.hospital.surveillance.app.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The pipeline gauges of every streaming event processor, tagged {@code processor} (the processing
 * group: a handful of names fixed in the code). Registered once Axon has started, when the
 * processors exist; their values come from {@link ProcessorPositions}.
 *
 * <ul>
 * <li>{@code surveillance_processor_lag_events}, {@code surveillance_processor_lag_seconds}
 * <li>{@code surveillance_processor_replay_progress_ratio} (0..1), {@code surveillance_processor_replaying} (0/1)
 * <li>{@code surveillance_processor_error_state} (1 while a segment retries a failing batch)
 * <li>{@code surveillance_processor_claimed_segments} (segments this instance processes)
 * </ul>
 */
final class ProcessorGauges implements ApplicationListener<ApplicationStartedEvent> {

    private final EventProcessingConfiguration processing;
    private final EventStoreTable table;
    private final MeterRegistry registry;
    private final Duration sampleMaxAge;
    private final Function<String, OptionalDouble> rebuildProgress;
    private volatile ProcessorPositions positions;

    /**
     * @param rebuildProgress for a projection being rebuilt beside its live read model
     *                        ({@code POST /api/projections/{name}/rebuild}), the share of the history the
     *                        rebuild has read; empty otherwise. The live processor does not replay then, but
     *                        the projection does read the history again, so the replay gauges show it.
     */
    ProcessorGauges(EventProcessingConfiguration processing, EventStoreTable table, MeterRegistry registry,
                    Duration sampleMaxAge, Function<String, OptionalDouble> rebuildProgress) {
        this.processing = processing;
        this.table = table;
        this.registry = registry;
        this.sampleMaxAge = sampleMaxAge;
        this.rebuildProgress = rebuildProgress;
    }

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        if (positions != null) {
            return;
        }
        List<StreamingEventProcessor> streaming = new ArrayList<>();
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor s) {
                streaming.add(s);
            }
        }
        positions = new ProcessorPositions(streaming, table, Clock.systemUTC(), sampleMaxAge);
        for (String name : positions.processorNames()) {
            gauge("surveillance.processor.lag.events", name,
                    "Events in the store after the processor's position (its slowest segment)",
                    s -> s.lagEvents());
            gauge("surveillance.processor.lag.seconds", name,
                    "Age of the oldest event the processor has not handled yet; 0 when caught up",
                    s -> s.lagSeconds());
            gauge("surveillance.processor.replay.progress.ratio", name,
                    "Share of the history a replaying processor (or a rebuild of its projection) has handled again;"
                            + " 1 when not replaying",
                    s -> Math.min(s.replayProgress(), rebuildProgress.apply(name).orElse(1.0)));
            gauge("surveillance.processor.replaying", name,
                    "1 while the processor replays the history or its projection is being rebuilt",
                    s -> s.replaying() || rebuildProgress.apply(name).isPresent() ? 1 : 0);
            gauge("surveillance.processor.error.state", name,
                    "1 while a segment of the processor is retrying a failing batch",
                    s -> s.errorState() ? 1 : 0);
            gauge("surveillance.processor.claimed.segments", name,
                    "Segments of the processor this instance has claimed", s -> s.claimedSegments());
        }
    }

    ProcessorPositions positions() {
        return positions;
    }

    private void gauge(String metric, String processor, String description,
                       ToDoubleFunction<ProcessorPositions.Sample> value) {
        Gauge.builder(metric, this, gauges -> value.applyAsDouble(gauges.positions.sample(processor)))
                .description(description)
                .tag("processor", processor)
                .register(registry);
    }
}

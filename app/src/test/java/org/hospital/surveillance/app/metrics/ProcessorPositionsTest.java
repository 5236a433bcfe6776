package org.hospital.surveillance.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * What the lag gauges show when the event store cannot answer (here: a real H2 database without
 * Axon's table): NaN figures beside what the processor itself knows, one failed question per
 * sampling round rather than one per processor and gauge, so a scrape neither fails nor hangs.
 * The processors are stand-ins: only their status matters here.
 */
class ProcessorPositionsTest {

    @Test
    void aStoreThatCannotAnswerGivesUnknownFiguresAndIsAskedOncePerRound() {
        AtomicInteger connections = new AtomicInteger();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:no-event-table-" + System.nanoTime());
        DelegatingDataSource counting = new DelegatingDataSource(h2) {
            @Override
            public Connection getConnection() throws SQLException {
                connections.incrementAndGet();
                return super.getConnection();
            }
        };
        Clock clock = Clock.fixed(Instant.parse("2026-03-31T12:00:00Z"), ZoneOffset.UTC);
        ProcessorPositions positions = new ProcessorPositions(
                List.of(processor("rates", false), processor("alert-board", true)),
                new EventStoreTable(counting), clock, Duration.ofSeconds(1));

        ProcessorPositions.Sample rates = positions.sample("rates");
        ProcessorPositions.Sample board = positions.sample("alert-board");

        assertThat(rates.lagEvents()).isNaN();
        assertThat(rates.lagSeconds()).isNaN();
        assertThat(rates.replayProgress()).isNaN();
        assertThat(rates.claimedSegments()).isEqualTo(1);
        assertThat(board.lagEvents()).isNaN();
        assertThat(board.errorState()).isTrue();
        assertThat(board.claimedSegments()).isEqualTo(1);
        // One question for the whole round: the first processor's failed, the second was not asked,
        // and the second gauge read the cached round.
        assertThat(connections.get()).isEqualTo(1);
    }

    @Test
    void aProcessorWithoutClaimedSegmentsHasUnknownLagAndSaysItHasNoSegment() {
        StreamingEventProcessor idle = mock(StreamingEventProcessor.class);
        when(idle.getName()).thenReturn("rates");
        when(idle.processingStatus()).thenReturn(Map.of());
        ProcessorPositions positions = new ProcessorPositions(List.of(idle), null,
                Clock.systemUTC(), Duration.ZERO);

        ProcessorPositions.Sample sample = positions.sample("rates");
        assertThat(sample.claimedSegments()).isZero();
        assertThat(sample.lagEvents()).isNaN();
        assertThat(sample.lagSeconds()).isNaN();
    }

    private static StreamingEventProcessor processor(String name, boolean errorState) {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.getCurrentPosition()).thenReturn(OptionalLong.of(41));
        when(status.getResetPosition()).thenReturn(OptionalLong.empty());
        when(status.isErrorState()).thenReturn(errorState);
        StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        when(processor.getName()).thenReturn(name);
        when(processor.processingStatus()).thenReturn(Map.of(0, status));
        return processor;
    }
}

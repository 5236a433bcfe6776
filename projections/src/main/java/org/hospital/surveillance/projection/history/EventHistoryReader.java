package org.hospital.surveillance.projection.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;

/**
 * The one reader of the event history: the export, the what-if replay, time travel and the bulk
 * pass of a rebuild all read Axon's event table through it.
 *
 * <p>What a {@link HistoryQuery} asks is answered by the database, not by reading every row and
 * filtering afterwards: the position ({@code globalIndex > after}), the payload types and the time
 * range go into the SQL. Rows come in pages of {@code pageSize} keyed on the global index, each page
 * on its own short connection, so memory stays constant however long the history and no connection
 * is held while a consumer works. Every row goes through the {@link EventUpcaster} chain, as Axon's
 * own storage engine does, so an event stored in an older shape comes out in today's.
 *
 * <p>Time: Axon stores {@code timeStamp} as ISO-8601 text. The SQL compares it only on its first 19
 * characters ({@code yyyy-MM-ddTHH:mm:ss}, the same width in every row whatever the fraction), widened
 * to whole seconds, which orders the same as the instants under any collation; the exact bound is
 * applied to the parsed instant. So a time filter reads at most the rows of its two boundary
 * seconds more than it returns.
 *
 * <p>Gaps: a transaction that commits late leaves a hole in the global index that fills later.
 * Messages of a read with no type or time criterion carry the {@link GapAwareTrackingToken} Axon's
 * storage engine would give them (same {@code maxGapOffset}), so a reader that goes on with Axon's
 * {@code readEvents(token)} (a rebuild's catch-up) re-reads those holes. A filtered read leaves out
 * rows on purpose, so its messages carry a plain {@link GlobalSequenceTrackingToken}.
 */
public final class EventHistoryReader {

    public static final int DEFAULT_PAGE_SIZE = 500;
    /** Axon's {@code JdbcEventStorageEngine} default: gaps further back than this are given up. */
    public static final int DEFAULT_MAX_GAP_OFFSET = 10_000;
    /** Streams asked in one query by {@link #streams}: well within every database's limit on parameters. */
    static final int STREAMS_PER_QUERY = 500;

    private static final String FIELDS = "globalIndex, eventIdentifier, type, aggregateIdentifier, sequenceNumber, "
            + "timeStamp, payloadType, payloadRevision, payload, metaData";
    /** The part of Axon's timestamp text that has the same width in every row. */
    private static final DateTimeFormatter WHOLE_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private final DataSource dataSource;
    private final Serializer serializer;
    private final EventUpcaster upcasters;
    private final int pageSize;
    private final int maxGapOffset;
    private final AtomicLong rowsRead = new AtomicLong();

    public EventHistoryReader(DataSource dataSource, Serializer serializer, EventUpcaster upcasters, int pageSize,
                              int maxGapOffset) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("The page size must be >= 1, was " + pageSize);
        }
        this.dataSource = dataSource;
        this.serializer = serializer;
        this.upcasters = upcasters;
        this.pageSize = pageSize;
        this.maxGapOffset = maxGapOffset;
    }

    /** Rows fetched from the event table since this reader was made: what the SQL let through. */
    public long rowsRead() {
        return rowsRead.get();
    }

    /**
     * The events the query asks for, in append order, deserialised lazily (a consumer that passes an
     * event over never deserialises its payload). Close the stream, or read it to its end.
     */
    public Stream<TrackedEventMessage<?>> messages(HistoryQuery query) {
        return EventUtils.upcastAndDeserializeTrackedEvents(stored(query), serializer, upcasters);
    }

    /**
     * The events of these streams (aggregates) stamped at or before {@code upToAndIncluding}, each
     * stream's in sequence order, the streams one after another in no particular order; deserialised
     * lazily, as {@link #messages}. The database finds them on its (aggregate, sequence) key, a
     * {@value #STREAMS_PER_QUERY} streams per query, so the cost grows with the streams asked, not
     * with the history. Close the stream, or read it to its end.
     */
    public Stream<TrackedEventMessage<?>> streams(Collection<String> aggregateIds, Instant upToAndIncluding) {
        HistoryQuery time = HistoryQuery.upToAndIncluding(upToAndIncluding);
        List<String> ids = List.copyOf(new LinkedHashSet<>(aggregateIds));
        Stream<TrackedEventData<?>> rows = IntStream.range(0, (ids.size() + STREAMS_PER_QUERY - 1) / STREAMS_PER_QUERY)
                .mapToObj(chunk -> ids.subList(chunk * STREAMS_PER_QUERY, Math.min(ids.size(), (chunk + 1) * STREAMS_PER_QUERY)))
                .flatMap(chunk -> streamsChunk(chunk, time).stream());
        return EventUtils.upcastAndDeserializeTrackedEvents(rows, serializer, upcasters);
    }

    private List<TrackedEventData<?>> streamsChunk(List<String> ids, HistoryQuery time) {
        // Ordered as the (aggregateIdentifier, sequenceNumber) unique key is, which the database reads the rows by.
        String sql = "SELECT " + FIELDS + " FROM DomainEventEntry WHERE aggregateIdentifier IN ("
                + String.join(",", Collections.nCopies(ids.size(), "?")) + ") AND timeStamp < ?"
                + " ORDER BY aggregateIdentifier ASC, sequenceNumber ASC";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < ids.size(); i++) {
                statement.setString(i + 1, ids.get(i));
            }
            statement.setString(ids.size() + 1, WHOLE_SECONDS.format(wholeSecondAfter(time.to())));
            statement.setFetchSize(pageSize);
            List<TrackedEventData<?>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Row row = row(rs);
                    if (inTime(time, row.timeStamp())) {
                        rows.add(new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(row.position()), row.entry()));
                    }
                }
            }
            rowsRead.addAndGet(rows.size());
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the event streams of " + ids.size() + " facts", e);
        }
    }

    /**
     * The events the query asks for in append order, upcast but not deserialised: for a consumer
     * that wants their stored form (the export reads the JSON). The position is the global index
     * of the row an event comes from (an upcaster may split a row into several events).
     */
    public Stream<UpcastEvent> upcast(HistoryQuery query) {
        return stored(query).flatMap(row -> {
            long position = row.trackingToken().position().orElseThrow();
            return upcasters.upcast(Stream.of(new InitialEventRepresentation(row, serializer)))
                    .map(event -> new UpcastEvent(position, event));
        });
    }

    /**
     * The token Axon's storage engine would hold after reading every row up to {@code position}:
     * the indexes missing within {@code maxGapOffset} below it are its gaps (older ones Axon gives up
     * too). Ask it before reading those rows with a filtered query, which cannot tell a missing row
     * from one it left out: a row that commits in a gap meanwhile is then read twice (by the filtered
     * read and again through the gap), never missed. Null for an empty history.
     */
    public TrackingToken tokenAfterReading(long position) {
        if (position < 0) {
            return null;
        }
        long from = Math.max(0, position - maxGapOffset);
        GapAwareTokens tokens = new GapAwareTokens(from, maxGapOffset);
        TrackingToken token = GapAwareTrackingToken.newInstance(from, List.of());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT globalIndex FROM DomainEventEntry"
                     + " WHERE globalIndex > ? AND globalIndex <= ? ORDER BY globalIndex ASC")) {
            statement.setLong(1, from);
            statement.setLong(2, position);
            statement.setFetchSize(pageSize);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    token = tokens.at(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the event history's indexes up to position " + position, e);
        }
        return token;
    }

    /** One event after the upcasters, with the global index of its row. */
    public record UpcastEvent(long position, IntermediateEventRepresentation representation) {
    }

    private Stream<TrackedEventData<?>> stored(HistoryQuery query) {
        TokenFor tokens = query.filters() ? new PlainTokens() : new GapAwareTokens(query.after(), maxGapOffset);
        Spliterator<TrackedEventData<?>> pages = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            private final Deque<TrackedEventData<?>> page = new ArrayDeque<>();
            private long after = query.after();
            private boolean last;

            @Override
            public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
                // A page whose rows all fall outside the exact time bounds is followed by the next one.
                while (page.isEmpty() && !last) {
                    List<Row> rows = page(query, after);
                    last = rows.size() < pageSize;
                    for (Row row : rows) {
                        if (!inTime(query, row.timeStamp())) {
                            after = row.position();
                            continue;
                        }
                        page.add(new TrackedDomainEventData<>(tokens.at(row.position()), row.entry()));
                        after = row.position();
                    }
                }
                TrackedEventData<?> next = page.poll();
                if (next == null) {
                    return false;
                }
                action.accept(next);
                return true;
            }
        };
        return StreamSupport.stream(pages, false);
    }

    private record Row(long position, String timeStamp, GenericDomainEventEntry<byte[]> entry) {
    }

    /**
     * The exact time bounds, on the stored timestamp. The SQL let through only rows of whole seconds
     * within the range, so only a row of a boundary second needs its timestamp parsed (parsing every
     * one was a sixth of a rebuild's time).
     */
    private static boolean inTime(HistoryQuery query, String stored) {
        if (query.from() == null && query.to() == null) {
            return true;
        }
        String second = stored.substring(0, Math.min(19, stored.length()));
        boolean boundary = (query.from() != null && second.equals(WHOLE_SECONDS.format(query.from())))
                || (query.to() != null && second.equals(WHOLE_SECONDS.format(query.to())));
        return !boundary || query.acceptsTime(DateTimeUtils.parseInstant(stored));
    }

    private List<Row> page(HistoryQuery query, long after) {
        StringBuilder sql = new StringBuilder("SELECT ").append(FIELDS).append(" FROM DomainEventEntry WHERE globalIndex > ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(after);
        if (query.from() != null) {
            sql.append(" AND timeStamp >= ?");
            parameters.add(WHOLE_SECONDS.format(query.from().truncatedTo(ChronoUnit.SECONDS)));
        }
        if (query.to() != null) {
            // Every row of a second starts with that second's 19 characters and sorts after them.
            sql.append(" AND timeStamp < ?");
            parameters.add(WHOLE_SECONDS.format(wholeSecondAfter(query.to())));
        }
        if (!query.types().isEmpty()) {
            sql.append(" AND (");
            String separator = "";
            for (String type : query.types()) {
                sql.append(separator);
                if (type.indexOf('.') >= 0) {
                    sql.append("payloadType = ?");
                    parameters.add(type);
                } else {
                    // A simple name: the stored names are qualified by their package.
                    sql.append("payloadType LIKE ? ESCAPE '!'");
                    parameters.add("%." + type.replace("!", "!!").replace("%", "!%").replace("_", "!_"));
                }
                separator = " OR ";
            }
            sql.append(")");
        }
        sql.append(" ORDER BY globalIndex ASC LIMIT ").append(pageSize);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            statement.setFetchSize(pageSize);
            List<Row> rows = new ArrayList<>(pageSize);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            rowsRead.addAndGet(rows.size());
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the event history after position " + after, e);
        }
    }

    /** The exclusive bound {@code to} rounded up to a whole second, for the SQL's comparison on whole seconds. */
    private static Instant wholeSecondAfter(Instant to) {
        return to.truncatedTo(ChronoUnit.SECONDS).equals(to) ? to : to.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    private static Row row(ResultSet rs) throws SQLException {
        String timeStamp = rs.getString("timeStamp");
        return new Row(rs.getLong("globalIndex"), timeStamp, new GenericDomainEventEntry<>(
                rs.getString("type"), rs.getString("aggregateIdentifier"), rs.getLong("sequenceNumber"),
                rs.getString("eventIdentifier"), timeStamp, rs.getString("payloadType"),
                rs.getString("payloadRevision"), rs.getBytes("payload"), rs.getBytes("metaData")));
    }

    private interface TokenFor {
        TrackingToken at(long position);
    }

    private static final class PlainTokens implements TokenFor {
        @Override
        public TrackingToken at(long position) {
            return new GlobalSequenceTrackingToken(position);
        }
    }

    /** The tokens Axon's storage engine gives a read from {@code after}: every index skipped is a gap. */
    private static final class GapAwareTokens implements TokenFor {
        private final int maxGapOffset;
        private GapAwareTrackingToken token;

        GapAwareTokens(long after, int maxGapOffset) {
            this.maxGapOffset = maxGapOffset;
            // Axon's identity columns start at 1: an index below the first one read is a gap too.
            this.token = GapAwareTrackingToken.newInstance(Math.max(after, 0), List.of());
        }

        @Override
        public TrackingToken at(long position) {
            token = token.advanceTo(position, maxGapOffset);
            return token;
        }
    }
}

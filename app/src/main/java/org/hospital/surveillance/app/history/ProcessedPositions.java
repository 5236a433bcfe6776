package org.hospital.surveillance.app.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.hospital.surveillance.projection.history.TokenPositions;

/**
 * How far a processor has certainly got, for every segment and on every instance: the history
 * position at or before which each event has been handled and its read-model writes made (they
 * precede the token). Read from the token table as it stands, without claiming anything, which
 * Axon's {@code TokenStore.fetchToken} would do. A position inside a gap counts as not handled.
 */
final class ProcessedPositions {

    private final DataSource dataSource;
    private final Serializer serializer;
    private final TokenSchema schema = new TokenSchema();

    ProcessedPositions(DataSource dataSource, Serializer serializer) {
        this.dataSource = dataSource;
        this.serializer = serializer;
    }

    /** The lowest position every segment of the processor has handled; -1 when it has none (or cannot tell). */
    long handledUpTo(String processorName) {
        String sql = "SELECT " + schema.tokenColumn() + ", " + schema.tokenTypeColumn() + " FROM " + schema.tokenTable()
                + " WHERE " + schema.processorNameColumn() + " = ?";
        long lowest = Long.MAX_VALUE;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, processorName);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    byte[] token = rs.getBytes(1);
                    String type = rs.getString(2);
                    lowest = Math.min(lowest, token == null || type == null ? -1
                            : TokenPositions.handledUpTo(serializer.<byte[], Object>deserialize(
                                    new SimpleSerializedObject<>(token, byte[].class, type, null)) instanceof TrackingToken t ? t : null));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the tokens of " + processorName, e);
        }
        return lowest == Long.MAX_VALUE ? -1 : lowest;
    }
}

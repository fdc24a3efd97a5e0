package io.strangler.apply.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code strangler_apply_offsets} table: per consumer group, topic and partition, the offset of the next command
 * to apply and how many records were committed so far. Written in the transaction that applies the rows, so the
 * database, not Kafka, knows where the sink stands.
 */
public final class OffsetStore {

    /** Progress of one partition within a batch. */
    public record Progress(long firstOffset, long nextOffset, long records) {
    }

    private final Dialect dialect;
    private final String table;
    private final String group;
    private final String topic;

    public OffsetStore(Dialect dialect, String table, String group, String topic) {
        this.dialect = dialect;
        this.table = table;
        this.group = group;
        this.topic = topic;
    }

    public String table() {
        return table;
    }

    public String group() {
        return group;
    }

    /** Creates the table when missing; the connection is in manual-commit mode. */
    public void ensureTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(dialect.createOffsetsTable(table));
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            // two sinks creating the table at once: the loser sees a duplicate; the table exists either way
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23") && !e.getSQLState().startsWith("42")) {
                throw e;
            }
            readNextOffsets(connection);
        }
    }

    /** Next offset per partition, read in its own short transaction. */
    public Map<Integer, Long> readNextOffsets(Connection connection) throws SQLException {
        try {
            return query(connection, dialect.selectOffsets(table));
        } finally {
            connection.rollback();
        }
    }

    /** Locks this group's rows until the transaction ends, fencing a second sink instance that writes the same partitions. */
    public Map<Integer, Long> lock(Connection connection) throws SQLException {
        return query(connection, dialect.selectOffsetsForUpdate(table));
    }

    public void write(Connection connection, Map<Integer, Progress> progress) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(dialect.upsertOffset(table))) {
            for (Map.Entry<Integer, Progress> entry : progress.entrySet()) {
                statement.setString(1, group);
                statement.setString(2, topic);
                statement.setInt(3, entry.getKey());
                statement.setLong(4, entry.getValue().nextOffset());
                statement.setLong(5, entry.getValue().records());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private Map<Integer, Long> query(Connection connection, String sql) throws SQLException {
        Map<Integer, Long> offsets = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, group);
            statement.setString(2, topic);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    offsets.put(rs.getInt(1), rs.getLong(2));
                }
            }
        }
        return offsets;
    }
}

package io.strangler.validator.internal;

import io.strangler.core.row.Engine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** Row estimates and integer key bounds, read before segments are planned. */
final class TableSizing {

    private TableSizing() {
    }

    /** The planner's row estimate, or an exact count when the table was never analysed. */
    static long estimateRows(Connection connection, SideTable table) throws SQLException {
        long estimate = -1;
        String sql = table.engine() == Engine.POSTGRESQL
                ? "SELECT c.reltuples::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = ? AND c.relname = ?"
                : "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    estimate = rs.getLong(1);
                }
            }
        }
        if (estimate <= 0) {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + Sql.table(table))) {
                rs.next();
                estimate = rs.getLong(1);
            }
        }
        connection.commit();
        return estimate;
    }

    /** min and max of the first key column; empty when the table is empty. */
    static Optional<long[]> keyBounds(Connection connection, SideTable table) throws SQLException {
        String key = Sql.quote(table.engine(), table.keyColumn(0));
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT min(" + key + "), max(" + key + ") FROM " + Sql.table(table))) {
            rs.next();
            long min = rs.getLong(1);
            boolean empty = rs.wasNull();
            long max = rs.getLong(2);
            connection.commit();
            return empty ? Optional.empty() : Optional.of(new long[] {min, max});
        }
    }
}

package io.strangler.testsupport.sample;

import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.embedded.sample.SampleTable;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** Queries shared by the sample ITs. */
final class SampleChecks {

    private SampleChecks() {
    }

    /** "table.column -> n" for every foreign key with n rows pointing at a missing parent (all should be 0). */
    static Map<String, Long> orphanCounts(Connection connection) throws SQLException {
        Map<String, Long> orphans = new LinkedHashMap<>();
        for (SampleTable table : SampleMonolith.tables()) {
            for (SampleTable.ForeignKey fk : table.foreignKeys()) {
                String sql = "SELECT COUNT(*) FROM " + table.name() + " c LEFT JOIN " + fk.referencedTable()
                        + " p ON c." + fk.column() + " = p." + fk.referencedColumn() + " WHERE c." + fk.column()
                        + " IS NOT NULL AND p." + fk.referencedColumn() + " IS NULL";
                orphans.put(table.name() + "." + fk.column(), count(connection, sql));
            }
        }
        return orphans;
    }

    /** Row count per table, in dependency order. */
    static Map<String, Long> rowCounts(Connection connection) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : SampleMonolith.tableNames()) {
            counts.put(table, count(connection, "SELECT COUNT(*) FROM " + table));
        }
        return counts;
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

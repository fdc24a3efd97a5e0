package io.strangler.analyzer.evidence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads query access patterns from PostgreSQL's {@code pg_stat_statements}: each normalised statement of the current
 * database with its calls and total execution time. The view keeps no transaction grouping, so it gives query
 * evidence only. When the extension is not installed or not preloaded the result is a note saying how to enable it.
 */
public final class PgStatStatementsReader {

    /** PostgreSQL 13 renamed total_time to total_exec_time. */
    private static final String QUERY = "SELECT query, calls, %s FROM pg_stat_statements s"
            + " JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = current_database() AND calls > 0";

    private PgStatStatementsReader() {
    }

    public static WorkloadEvidence read(Connection connection, StatementParser parser, ParseProgress progress) {
        String source = "pg_stat_statements";
        try {
            if (!installed(connection)) {
                return WorkloadEvidence.note(source + ": the extension is not installed in this database; run CREATE"
                        + " EXTENSION pg_stat_statements (with shared_preload_libraries = 'pg_stat_statements' in"
                        + " postgresql.conf); no query evidence was taken from it");
            }
            String timeColumn = connection.getMetaData().getDatabaseMajorVersion() >= 13 ? "total_exec_time" : "total_time";
            WorkloadCollector collector = new WorkloadCollector(parser, source, false, progress);
            try (PreparedStatement statement = connection.prepareStatement(String.format(QUERY, timeColumn));
                 ResultSet rows = statement.executeQuery()) {
                int row = 0;
                while (rows.next()) {
                    // each row is its own "session": the view does not say which statements ran together
                    collector.statement("row-" + row++, rows.getString(1), rows.getLong(2), rows.getDouble(3));
                }
            }
            return collector.finish();
        } catch (SQLException e) {
            String hint = e.getMessage() != null && e.getMessage().contains("shared_preload_libraries")
                    ? " (add pg_stat_statements to shared_preload_libraries and restart PostgreSQL)" : "";
            return WorkloadEvidence.note(source + ": cannot be read: " + e.getMessage() + hint
                    + "; no query evidence was taken from it");
        }
    }

    private static boolean installed(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'")) {
            return rows.next();
        }
    }
}

package io.strangler.cli.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Cumulative activity counters of one PostgreSQL database (pg_stat_database), so the demo shows commits and
 * row changes per second as the server itself counts them, not as the workload believes it did them.
 */
record DatabaseActivity(long commits, long inserted, long updated, long deleted) {

    static DatabaseActivity read(Connection connection) throws SQLException {
        // the statistics snapshot is per transaction; clear it so every read sees fresh counters
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_clear_snapshot()");
        }
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT xact_commit, tup_inserted, tup_updated, tup_deleted "
                     + "FROM pg_stat_database WHERE datname = current_database()")) {
            row.next();
            return new DatabaseActivity(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4));
        }
    }

    DatabaseActivity minus(DatabaseActivity earlier) {
        return new DatabaseActivity(commits - earlier.commits, inserted - earlier.inserted,
                updated - earlier.updated, deleted - earlier.deleted);
    }

    long rowChanges() {
        return inserted + updated + deleted;
    }
}

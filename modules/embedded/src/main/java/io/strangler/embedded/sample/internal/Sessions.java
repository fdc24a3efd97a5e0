package io.strangler.embedded.sample.internal;

import io.strangler.embedded.sample.SampleEngine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Session settings the sample writers need, restored afterwards so the caller's connection is left as found.
 */
public final class Sessions {

    private Sessions() {
    }

    /** Settings to restore; {@link #restore} undoes {@link #prepare}. */
    public record Saved(boolean autoCommit, String mariaDbTimeZone) {
    }

    /**
     * Turns auto-commit off and, on MariaDB, sets the session time zone to UTC: TIMESTAMP(6) values are
     * converted from the session zone, and the writers bind UTC wall-clock times.
     */
    public static Saved prepare(Connection connection, SampleEngine engine) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        String zone = null;
        if (engine == SampleEngine.MARIADB) {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT @@session.time_zone")) {
                rs.next();
                zone = rs.getString(1);
                statement.execute("SET time_zone = '+00:00'");
            }
        }
        connection.setAutoCommit(false);
        return new Saved(autoCommit, zone);
    }

    public static void restore(Connection connection, Saved saved) throws SQLException {
        if (connection.isClosed()) {
            return;
        }
        connection.setAutoCommit(saved.autoCommit());
        if (saved.mariaDbTimeZone() != null) {
            try (var statement = connection.prepareStatement("SET time_zone = ?")) {
                statement.setString(1, saved.mariaDbTimeZone());
                statement.execute();
            }
        }
    }
}

package io.strangler.validator.internal;

import io.strangler.core.catalog.CatalogReader;
import io.strangler.core.row.CanonicalValue;
import io.strangler.validator.ConnectionSource;
import io.strangler.validator.ValidationException;
import java.sql.Connection;
import java.sql.SQLException;

/** One connection per side, prepared for reading (UTC session, no auto-commit so PostgreSQL streams). */
public record ConnectionPair(Connection monolith, Connection service) implements AutoCloseable {

    public static ConnectionPair open(ConnectionSource monolith, ConnectionSource service) {
        Connection m = connect(monolith);
        try {
            return new ConnectionPair(m, connect(service));
        } catch (RuntimeException e) {
            closeQuietly(m);
            throw e;
        }
    }

    /**
     * @throws ValidationException naming the side when the database cannot be reached
     */
    public static Connection connect(ConnectionSource source) {
        Connection connection;
        try {
            connection = source.open();
        } catch (SQLException e) {
            throw new ValidationException("cannot connect to the " + source + " database: " + e.getMessage()
                    + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
        try {
            CanonicalValue.prepareSession(connection, CatalogReader.detectEngine(connection));
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new ValidationException("cannot prepare the " + source + " session: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closeQuietly(monolith);
        closeQuietly(service);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // closing anyway
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more to do with a connection that cannot close
        }
    }
}

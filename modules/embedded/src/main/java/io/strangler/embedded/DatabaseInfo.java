package io.strangler.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/**
 * How to reach one database on an embedded server.
 *
 * @param engine   {@code "postgresql"} or {@code "mariadb"}
 * @param host     loopback address the server listens on
 * @param port     the server's port
 * @param database database name
 * @param user     a user owning the database and allowed to replicate (CDC)
 * @param password the user's password; never logged ({@link #toString()} omits it)
 */
public record DatabaseInfo(String engine, String host, int port, String database, String user, String password) {

    public DatabaseInfo {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** JDBC URL without credentials. */
    public String jdbcUrl() {
        return "jdbc:" + engine + "://" + host + ":" + port + "/" + database;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    @Override
    public String toString() {
        return "DatabaseInfo[" + jdbcUrl() + " as " + user + "]";
    }
}

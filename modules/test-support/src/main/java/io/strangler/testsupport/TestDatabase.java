package io.strangler.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * A fresh, empty database on a shared embedded server, handed to one test class.
 *
 * @param engine   {@code "postgresql"} or {@code "mariadb"}
 * @param host     always a loopback address
 * @param port     the server's port, read back after start
 * @param database the database created for this test class
 * @param user     a user that owns {@code database} (and may replicate, for CDC tests)
 * @param password that user's password; never log it
 */
public record TestDatabase(String engine, String host, int port, String database, String user, String password) {

    public TestDatabase {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    public String jdbcUrl() {
        return switch (engine) {
            case "postgresql" -> "jdbc:postgresql://" + host + ":" + port + "/" + database;
            case "mariadb" -> "jdbc:mariadb://" + host + ":" + port + "/" + database;
            default -> throw new IllegalStateException("unknown engine " + engine);
        };
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    /** Runs each statement in order on one connection, in autocommit. */
    public void execute(String... statements) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Override
    public String toString() {
        return "TestDatabase[" + engine + " " + host + ":" + port + "/" + database + " as " + user + "]";
    }
}

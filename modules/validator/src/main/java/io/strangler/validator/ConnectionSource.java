package io.strangler.validator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Opens connections to one side's database; the validator opens one per worker thread and closes them itself.
 * <pre>{@code
 * ConnectionSource monolith = ConnectionSource.of("monolith", "jdbc:postgresql://localhost:5432/shop", "shop", secret);
 * }</pre>
 */
public interface ConnectionSource {

    /** A name for messages, e.g. {@code monolith}. */
    String name();

    /** A fresh connection; the caller closes it. */
    Connection open() throws SQLException;

    /** Connections from {@link DriverManager}; the password never appears in messages. */
    static ConnectionSource of(String name, String jdbcUrl, String user, String password) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        return new ConnectionSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Connection open() throws SQLException {
                return DriverManager.getConnection(jdbcUrl, user, password);
            }

            @Override
            public String toString() {
                int parameters = jdbcUrl.indexOf('?');
                return name + " (" + (parameters < 0 ? jdbcUrl : jdbcUrl.substring(0, parameters)) + ")";
            }
        };
    }
}

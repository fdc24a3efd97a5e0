package io.strangler.api;

import io.strangler.core.config.DatabaseConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One of the two databases of a migration: a PostgreSQL or MariaDB/MySQL JDBC URL and its credentials.
 *
 * <pre>{@code
 * Database monolith = Database.of("jdbc:postgresql://localhost:5432/shop", "strangler", System.getenv("PGPASSWORD"));
 * }</pre>
 *
 * @param password null when the server needs none; never shown by {@link #toString()}
 */
public record Database(String jdbcUrl, String user, String password) {

    public Database {
        if (jdbcUrl == null || !(jdbcUrl.startsWith("jdbc:postgresql://") || jdbcUrl.startsWith("jdbc:mariadb://")
                || jdbcUrl.startsWith("jdbc:mysql://"))) {
            throw new InvalidSettingException("database.jdbcUrl", "must be jdbc:postgresql://, jdbc:mariadb:// or"
                    + " jdbc:mysql://host[:port]/database, got '" + jdbcUrl + "'");
        }
        if (user == null || user.isBlank()) {
            throw new InvalidSettingException("database.user", "is required for " + jdbcUrl);
        }
    }

    public static Database of(String jdbcUrl, String user, String password) {
        return new Database(jdbcUrl, user, password);
    }

    /** {@code <prefix>url}, {@code <prefix>user}, {@code <prefix>password}: a processor's keys for this database. */
    Map<String, String> properties(String prefix) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(prefix + DatabaseConfig.URL, jdbcUrl);
        values.put(prefix + DatabaseConfig.USER, user);
        if (password != null) {
            values.put(prefix + DatabaseConfig.PASSWORD, password);
        }
        return values;
    }

    @Override
    public String toString() {
        return "Database[" + jdbcUrl + " as " + user + "]";
    }
}

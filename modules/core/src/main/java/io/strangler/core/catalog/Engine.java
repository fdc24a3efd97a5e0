package io.strangler.core.catalog;

import java.util.Locale;
import java.util.Optional;

/** The database engines Strangler reads and writes. MySQL shares the MariaDB code paths where they agree. */
public enum Engine {
    POSTGRESQL,
    MARIADB,
    MYSQL;

    /** The lower-case name used in configuration: {@code postgresql}, {@code mariadb}, {@code mysql}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** MariaDB and MySQL: a schema is a database, identifiers are quoted with backticks. */
    public boolean isMySqlFamily() {
        return this != POSTGRESQL;
    }

    public static Optional<Engine> fromLabel(String label) {
        for (Engine engine : values()) {
            if (engine.label().equalsIgnoreCase(label)) {
                return Optional.of(engine);
            }
        }
        return Optional.empty();
    }

    /** Detects the engine from a JDBC URL such as {@code jdbc:postgresql://host/db}. */
    public static Optional<Engine> fromJdbcUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return Optional.of(POSTGRESQL);
        }
        if (lower.startsWith("jdbc:mariadb:")) {
            return Optional.of(MARIADB);
        }
        if (lower.startsWith("jdbc:mysql:")) {
            return Optional.of(MYSQL);
        }
        return Optional.empty();
    }

    /**
     * Detects the engine from {@code DatabaseMetaData.getDatabaseProductName()} and version; MariaDB's
     * drivers sometimes report "MySQL" with a version string containing "MariaDB".
     */
    public static Optional<Engine> fromProduct(String productName, String productVersion) {
        String product = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        String version = productVersion == null ? "" : productVersion.toLowerCase(Locale.ROOT);
        if (product.contains("postgresql")) {
            return Optional.of(POSTGRESQL);
        }
        if (product.contains("mariadb") || version.contains("mariadb")) {
            return Optional.of(MARIADB);
        }
        if (product.contains("mysql")) {
            return Optional.of(MYSQL);
        }
        return Optional.empty();
    }
}

package io.strangler.embedded.sample;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The database engines the sample monolith is written for. */
public enum SampleEngine {
    POSTGRESQL("sample-monolith/postgresql.sql"),
    MARIADB("sample-monolith/mariadb.sql");

    private final String schemaResource;

    SampleEngine(String schemaResource) {
        this.schemaResource = schemaResource;
    }

    /** Class-path resource holding this engine's DDL. */
    public String schemaResource() {
        return schemaResource;
    }

    /**
     * The engine behind a connection, from its metadata.
     *
     * @throws IllegalArgumentException when the product is neither PostgreSQL nor MariaDB/MySQL
     */
    public static SampleEngine of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        String lower = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (lower.contains("postgres")) {
            return POSTGRESQL;
        }
        if (lower.contains("mariadb") || lower.contains("mysql")) {
            return MARIADB;
        }
        throw new IllegalArgumentException("unsupported database product '" + product
                + "': the sample monolith exists for PostgreSQL and MariaDB only");
    }
}

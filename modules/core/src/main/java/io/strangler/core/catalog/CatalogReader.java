package io.strangler.core.catalog;

import io.strangler.core.row.Engine;
import io.strangler.core.catalog.internal.MariaDbCatalogReader;
import io.strangler.core.catalog.internal.PostgresCatalogReader;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@link Catalog} from a live PostgreSQL, MariaDB or MySQL database. Each kind of object (tables,
 * columns, keys, constraints, enums) is read for all tables with one query, so a schema of hundreds of
 * tables costs a handful of round trips.
 * <pre>{@code
 * Catalog monolith = CatalogReader.read(connection, List.of("public"));
 * }</pre>
 */
public final class CatalogReader {

    private static final Logger LOGGER = LoggerFactory.getLogger(CatalogReader.class);

    private CatalogReader() {
    }

    /** Reads the connection's current schema (PostgreSQL) or database (MariaDB/MySQL). */
    public static Catalog read(Connection connection) throws SQLException {
        Engine engine = detectEngine(connection);
        String schema = engine == Engine.MARIADB ? connection.getCatalog() : connection.getSchema();
        if (schema == null) {
            throw new SQLException("the connection has no current " + (engine == Engine.MARIADB ? "database" : "schema")
                    + ": name the schemas to read");
        }
        return read(connection, List.of(schema));
    }

    /** Reads the named PostgreSQL schemas or MariaDB/MySQL databases. */
    public static Catalog read(Connection connection, List<String> schemas) throws SQLException {
        if (schemas.isEmpty()) {
            throw new IllegalArgumentException("name at least one schema to read");
        }
        Engine engine = detectEngine(connection);
        long start = System.nanoTime();
        Catalog catalog = engine == Engine.POSTGRESQL
                ? PostgresCatalogReader.read(connection, List.copyOf(schemas))
                : MariaDbCatalogReader.read(connection, isMySql(connection.getMetaData()), List.copyOf(schemas));
        LOGGER.debug("Read {} tables of {} {} in {} ms", catalog.tables().size(), engine, schemas,
                (System.nanoTime() - start) / 1_000_000);
        return catalog;
    }

    /**
     * The engine behind a connection, from its {@link DatabaseMetaData}; MySQL counts as {@link Engine#MARIADB}
     * (MariaDB's drivers sometimes report "MySQL" with a version containing "MariaDB").
     */
    public static Engine detectEngine(Connection connection) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String product = lower(metaData.getDatabaseProductName());
        if (product.contains("postgresql")) {
            return Engine.POSTGRESQL;
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return Engine.MARIADB;
        }
        throw new SQLException("unsupported database '" + metaData.getDatabaseProductName() + " "
                + metaData.getDatabaseProductVersion() + "' (supported: PostgreSQL, MariaDB, MySQL)");
    }

    private static boolean isMySql(DatabaseMetaData metaData) throws SQLException {
        return !lower(metaData.getDatabaseProductName()).contains("mariadb")
                && !lower(metaData.getDatabaseProductVersion()).contains("mariadb");
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(java.util.Locale.ROOT);
    }
}

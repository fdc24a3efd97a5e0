package io.strangler.apply.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Target column types, read from the database once per table and cached. Missing tables are not cached: they may be
 * created later. {@link #refresh} re-reads a table after a schema change (e.g. a command names a new column).
 */
public final class TableCatalog {

    private final Dialect dialect;
    private final ConcurrentMap<String, TableInfo> tables = new ConcurrentHashMap<>();

    public TableCatalog(Dialect dialect) {
        this.dialect = dialect;
    }

    public Optional<TableInfo> table(Connection connection, String schema, String table) throws SQLException {
        TableInfo cached = tables.get(schema + "." + table);
        return cached != null ? Optional.of(cached) : refresh(connection, schema, table);
    }

    public Optional<TableInfo> refresh(Connection connection, String schema, String table) throws SQLException {
        Optional<TableInfo> read = dialect.readTable(connection, schema, table);
        read.ifPresentOrElse(info -> tables.put(schema + "." + table, info), () -> tables.remove(schema + "." + table));
        return read;
    }
}

package io.strangler.apply.internal;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.CatalogReader;
import io.strangler.core.catalog.Column;
import io.strangler.core.catalog.Table;
import io.strangler.core.catalog.UniqueConstraint;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Target tables as core's schema catalogue describes them (column types as {@code CanonicalValue} reads them, enum
 * types and MariaDB JSON columns included; primary and unique keys), read once per schema and cached.
 *
 * <p>{@link #refresh} re-reads a schema after a change (a command names a table or column the cache lacks), at most
 * once per {@value #MIN_REFRESH_SECONDS} seconds per schema, so a stream of commands for a missing table does not
 * re-read the catalogue for each one.
 */
public final class TableCatalog {

    static final long MIN_REFRESH_SECONDS = 5;

    private record Snapshot(Catalog catalog, long readAtNanos, Map<String, TableInfo> tables) {
    }

    private final Map<String, Snapshot> schemas = new ConcurrentHashMap<>();

    public Optional<TableInfo> table(Connection connection, String schema, String table) throws SQLException {
        Snapshot snapshot = schemas.get(schema);
        if (snapshot == null) {
            snapshot = read(connection, schema);
        }
        return lookup(snapshot, table);
    }

    public Optional<TableInfo> refresh(Connection connection, String schema, String table) throws SQLException {
        Snapshot snapshot = schemas.get(schema);
        if (snapshot == null || System.nanoTime() - snapshot.readAtNanos() > TimeUnit.SECONDS.toNanos(MIN_REFRESH_SECONDS)) {
            snapshot = read(connection, schema);
        }
        return lookup(snapshot, table);
    }

    private Snapshot read(Connection connection, String schema) throws SQLException {
        Snapshot snapshot = new Snapshot(CatalogReader.read(connection, List.of(schema)), System.nanoTime(),
                new ConcurrentHashMap<>());
        schemas.put(schema, snapshot);
        return snapshot;
    }

    private static Optional<TableInfo> lookup(Snapshot snapshot, String table) {
        TableInfo cached = snapshot.tables().get(table);
        if (cached != null) {
            return Optional.of(cached);
        }
        Catalog catalog = snapshot.catalog();
        Optional<TableInfo> info = catalog.tables().stream().filter(t -> t.name().equals(table)).findFirst()
                .map(t -> info(catalog, t));
        info.ifPresent(i -> snapshot.tables().put(table, i));
        return info;
    }

    private static TableInfo info(Catalog catalog, Table table) {
        Map<String, io.strangler.core.row.ColumnType> columns = new LinkedHashMap<>();
        for (Column column : table.columns()) {
            columns.put(column.name(), catalog.columnType(column));
        }
        List<Set<String>> keys = new ArrayList<>();
        if (table.hasPrimaryKey()) {
            keys.add(Set.copyOf(table.primaryKey()));
        }
        for (UniqueConstraint unique : table.uniqueConstraints()) {
            keys.add(Set.copyOf(unique.columns()));
        }
        return new TableInfo(table.schema(), table.name(), columns, keys);
    }
}

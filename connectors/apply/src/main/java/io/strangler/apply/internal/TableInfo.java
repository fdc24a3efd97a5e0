package io.strangler.apply.internal;

import io.strangler.core.row.ColumnType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Columns of one target table and their types, as read from the target's catalogue.
 *
 * @param schema  PostgreSQL schema or MariaDB database
 * @param table   table name
 * @param columns column name → type, in table order
 */
public record TableInfo(String schema, String table, Map<String, ColumnType> columns) {

    public TableInfo {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table " + schema + "." + table + " has no columns");
        }
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public String qualifiedName() {
        return schema + "." + table;
    }
}

package io.strangler.apply.internal;

import io.strangler.core.row.ColumnType;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the sink needs of one target table: its columns with their canonical types, and its unique keys (primary key
 * first) so a command's key can be checked against them.
 *
 * @param schema     PostgreSQL schema or MariaDB database
 * @param table      table name
 * @param columns    column name → type, in table order
 * @param uniqueKeys column sets of the primary key and of every unique constraint
 */
public record TableInfo(String schema, String table, Map<String, ColumnType> columns, List<Set<String>> uniqueKeys) {

    public TableInfo {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table " + schema + "." + table + " has no columns");
        }
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        uniqueKeys = uniqueKeys.stream().map(Set::copyOf).toList();
    }

    public String qualifiedName() {
        return schema + "." + table;
    }

    /**
     * Whether {@code keyColumns} are exactly the columns of the primary key or of a unique constraint: what
     * PostgreSQL's {@code ON CONFLICT} needs, and what keeps MariaDB's {@code ON DUPLICATE KEY} from inserting twice.
     */
    public boolean isExactUniqueKey(Set<String> keyColumns) {
        Set<String> wanted = new HashSet<>(keyColumns);
        return uniqueKeys.stream().anyMatch(wanted::equals);
    }
}

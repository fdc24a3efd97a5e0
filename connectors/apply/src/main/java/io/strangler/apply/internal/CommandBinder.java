package io.strangler.apply.internal;

import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalValue;
import io.strangler.core.row.ColumnType;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.ApplyOperation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a command against its target table and converts its values: unknown tables, unknown columns, a row that
 * disagrees with its key and values of the wrong kind are rejected here, before any SQL runs.
 */
public final class CommandBinder {

    private final Dialect dialect;
    private final TableCatalog catalog;
    private final String target;

    public CommandBinder(Dialect dialect, TableCatalog catalog, String target) {
        this.dialect = dialect;
        this.catalog = catalog;
        this.target = target;
    }

    /**
     * @throws ValueConversionException naming the table/column when the command does not fit the target
     * @throws SQLException             when the catalogue cannot be read (a connectivity problem)
     */
    public BoundCommand bind(Connection connection, SourceRecord record) throws SQLException {
        ApplyCommand command = Objects.requireNonNull(record.command(), "command");
        if (!target.equals(command.getTarget())) {
            throw new ValueConversionException("command for target '" + command.getTarget()
                    + "' arrived at the apply sink of target '" + target + "'");
        }
        String schema = command.getSchema$();
        String tableName = command.getTable();
        Map<String, Object> key = canonical(command.getKey());
        Map<String, Object> row = command.getRow() == null ? null : canonical(command.getRow());
        if (key.isEmpty()) {
            throw new ValueConversionException("command for " + schema + "." + tableName + " has an empty key");
        }
        TableInfo table = catalog.table(connection, schema, tableName).orElseThrow(() ->
                new ValueConversionException("table " + schema + "." + tableName + " does not exist on target '" + target + "'"));
        if (!hasColumns(table, key, row)) {
            // a command may name a column added since the table was cached
            table = catalog.refresh(connection, schema, tableName).orElseThrow(() ->
                    new ValueConversionException("table " + schema + "." + tableName + " does not exist on target '" + target + "'"));
            requireColumns(table, key, row);
        }
        List<String> keyColumns = inTableOrder(table, key);
        if (!table.isExactUniqueKey(key.keySet())) {
            throw new ValueConversionException("key columns " + keyColumns + " are not the primary key or a unique "
                    + "constraint of table " + table.qualifiedName() + " (its keys: " + table.uniqueKeys() + ")");
        }
        String identity;
        try {
            identity = table.qualifiedName() + "|" + CanonicalKey.of(ordered(keyColumns, key)).encode();
        } catch (IllegalArgumentException e) {
            throw new ValueConversionException("key of a command for " + table.qualifiedName() + ": " + e.getMessage(), e);
        }
        if (command.getOp() == ApplyOperation.DELETE) {
            return new BoundCommand(record, table, dialect.delete(table, keyColumns), params(table, keyColumns, key), identity);
        }
        if (row == null) {
            throw new ValueConversionException("UPSERT for " + table.qualifiedName() + " key " + key + " has no row image");
        }
        Map<String, Object> full = new HashMap<>(row);
        for (String column : keyColumns) {
            Object fromRow = full.putIfAbsent(column, key.get(column));
            if (fromRow != null && !fromRow.equals(key.get(column)) || fromRow == null && row.containsKey(column)) {
                throw new ValueConversionException("UPSERT for " + table.qualifiedName() + ": row has " + column + "="
                        + fromRow + " but the key says " + key.get(column));
            }
        }
        // insert-only columns go into the INSERT but not into the update of an existing row; the image wins a clash
        Set<String> insertOnly = new HashSet<>();
        if (command.getInsertOnly() != null) {
            Map<String, Object> defaults = canonical(command.getInsertOnly());
            requireColumns(table, defaults);
            defaults.forEach((column, value) -> {
                if (!full.containsKey(column)) {
                    full.put(column, value);
                    insertOnly.add(column);
                }
            });
        }
        List<String> columns = inTableOrder(table, full);
        return new BoundCommand(record, table, dialect.upsert(table, columns, keyColumns, insertOnly),
                params(table, columns, full), identity);
    }

    private static Map<String, Object> canonical(Map<? extends CharSequence, ?> avro) {
        Map<String, Object> out = new HashMap<>();
        avro.forEach((name, value) -> {
            try {
                out.put(name.toString(), CanonicalValue.fromAvro(value));
            } catch (RuntimeException e) {
                throw new ValueConversionException("column '" + name + "': " + e.getMessage(), e);
            }
        });
        return out;
    }

    private static boolean hasColumns(TableInfo table, Map<String, Object> key, Map<String, Object> row) {
        return table.columns().keySet().containsAll(key.keySet())
                && (row == null || table.columns().keySet().containsAll(row.keySet()));
    }

    private static void requireColumns(TableInfo table, Map<String, Object> key, Map<String, Object> row) {
        List<String> unknown = new ArrayList<>();
        key.keySet().stream().filter(c -> !table.columns().containsKey(c)).forEach(unknown::add);
        if (row != null) {
            row.keySet().stream().filter(c -> !table.columns().containsKey(c) && !unknown.contains(c)).forEach(unknown::add);
        }
        throw new ValueConversionException("table " + table.qualifiedName() + " has no column(s) " + unknown
                + "; it has " + table.columns().keySet());
    }

    private static void requireColumns(TableInfo table, Map<String, Object> insertOnly) {
        List<String> unknown = insertOnly.keySet().stream().filter(c -> !table.columns().containsKey(c)).toList();
        if (!unknown.isEmpty()) {
            throw new ValueConversionException("table " + table.qualifiedName() + " has no insert-only column(s) "
                    + unknown + "; it has " + table.columns().keySet());
        }
    }

    private static List<String> inTableOrder(TableInfo table, Map<String, Object> values) {
        return table.columns().keySet().stream().filter(values::containsKey).toList();
    }

    private static Map<String, Object> ordered(List<String> columns, Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        columns.forEach(c -> out.put(c, values.get(c)));
        return out;
    }

    private static List<JdbcValueWriter.Param> params(TableInfo table, List<String> columns, Map<String, Object> values) {
        List<JdbcValueWriter.Param> params = new ArrayList<>(columns.size());
        for (String column : columns) {
            ColumnType type = table.columns().get(column);
            try {
                params.add(JdbcValueWriter.convert(column, type, values.get(column)));
            } catch (ValueConversionException e) {
                throw new ValueConversionException("table " + table.qualifiedName() + ", " + e.getMessage(), e);
            }
        }
        return params;
    }
}

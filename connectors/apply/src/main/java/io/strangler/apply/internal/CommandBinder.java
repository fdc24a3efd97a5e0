package io.strangler.apply.internal;

import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalValue;
import io.strangler.core.row.ColumnType;
import io.strangler.core.row.ValueKind;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.ApplyOperation;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a command against its target table and converts its values: unknown tables, unknown columns, a row that
 * disagrees with its key, values of the wrong kind and increments that are not numbers for a numeric column are
 * rejected here, before any SQL runs.
 */
public final class CommandBinder {

    private static final Set<ValueKind> COUNTER_KINDS = Set.of(ValueKind.INTEGER, ValueKind.DECIMAL);

    private final Statements statements;
    private final TableCatalog catalog;
    private final String target;

    public CommandBinder(Dialect dialect, TableCatalog catalog, String target) {
        this.statements = new Statements(dialect);
        this.catalog = catalog;
        this.target = target;
    }

    /**
     * @throws ValueConversionException naming the table/column when the command does not fit the target
     * @throws SQLException             when the catalogue cannot be read (a connectivity problem)
     */
    public BoundCommand bind(Connection connection, SourceRecord record) throws SQLException {
        return statements.render(check(connection, record));
    }

    /** The statement of a write made by folding commands that were bound one by one. */
    public BoundCommand render(RowWrite write) {
        return statements.render(write);
    }

    private RowWrite check(Connection connection, SourceRecord record) throws SQLException {
        ApplyCommand command = Objects.requireNonNull(record.command(), "command");
        if (!target.equals(command.getTarget())) {
            throw new ValueConversionException("command for target '" + command.getTarget()
                    + "' arrived at the apply sink of target '" + target + "'");
        }
        String schema = command.getSchema$();
        String tableName = command.getTable();
        ApplyOperation op = command.getOp();
        Map<String, Object> key = canonical(command.getKey());
        // the row of an INCREMENT is not written (it may be there for the sync's hash); a DELETE has none
        Map<String, Object> row = op != ApplyOperation.UPSERT || command.getRow() == null ? null : canonical(command.getRow());
        Map<String, Object> insertOnly = op != ApplyOperation.UPSERT || command.getInsertOnly() == null ? Map.of()
                : canonical(command.getInsertOnly());
        Map<String, Object> increments = op == ApplyOperation.DELETE || command.getIncrements() == null ? Map.of()
                : canonical(command.getIncrements());
        if (key.isEmpty()) {
            throw new ValueConversionException("command for " + schema + "." + tableName + " has an empty key");
        }
        TableInfo table = catalog.table(connection, schema, tableName).orElseThrow(() ->
                new ValueConversionException("table " + schema + "." + tableName + " does not exist on target '" + target + "'"));
        if (!hasColumns(table, key, row, insertOnly, increments)) {
            // a command may name a column added since the table was cached
            table = catalog.refresh(connection, schema, tableName).orElseThrow(() ->
                    new ValueConversionException("table " + schema + "." + tableName + " does not exist on target '" + target + "'"));
            requireColumns(table, "", key.keySet(), row == null ? Set.of() : row.keySet());
            requireColumns(table, "insert-only ", insertOnly.keySet());
            requireColumns(table, "counter ", increments.keySet());
        }
        List<String> keyColumns = Statements.inTableOrder(table, key);
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
        requireCounters(table, keyColumns, increments);
        return switch (op) {
            case DELETE -> new RowWrite(record, table, op, keyColumns, key, Map.of(), Map.of(), Map.of(), identity);
            case INCREMENT -> {
                if (increments.isEmpty()) {
                    throw new ValueConversionException("INCREMENT for " + table.qualifiedName() + " key " + key
                            + " has no increments");
                }
                yield new RowWrite(record, table, op, keyColumns, key, Map.of(), Map.of(), increments, identity);
            }
            case UPSERT -> upsert(record, table, keyColumns, key, row, insertOnly, increments, identity);
            case MARK -> throw new IllegalArgumentException("a MARK command writes nothing and has no row to bind");
        };
    }

    private static RowWrite upsert(SourceRecord record, TableInfo table, List<String> keyColumns, Map<String, Object> key,
                                   Map<String, Object> row, Map<String, Object> insertOnly,
                                   Map<String, Object> increments, String identity) {
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
        // the image wins a clash: a column it carries is written absolutely, neither insert-only nor incremented
        // (a BOOTSTRAP command writes counters absolutely)
        Map<String, Object> onlyInserted = new LinkedHashMap<>(insertOnly);
        onlyInserted.keySet().removeAll(full.keySet());
        Map<String, Object> added = new LinkedHashMap<>(increments);
        added.keySet().removeAll(full.keySet());
        return new RowWrite(record, table, ApplyOperation.UPSERT, keyColumns, key, full, onlyInserted, added, identity);
    }

    /** A counter is a numeric, non-key column, and its amount a number of the column's kind. */
    private static void requireCounters(TableInfo table, List<String> keyColumns, Map<String, Object> increments) {
        increments.forEach((column, amount) -> {
            ColumnType type = table.columns().get(column);
            String where = "table " + table.qualifiedName() + ", counter column '" + column + "'";
            if (keyColumns.contains(column)) {
                throw new ValueConversionException(where + " is a key column: a key cannot be incremented");
            }
            ValueKind kind;
            try {
                kind = type.kind();
            } catch (RuntimeException e) {
                throw new ValueConversionException(where + ": " + e.getMessage(), e);
            }
            if (!COUNTER_KINDS.contains(kind)) {
                throw new ValueConversionException(where + " of type " + type + " (" + kind + ") cannot be incremented: "
                        + "increments need an integer or decimal column");
            }
            if (kind == ValueKind.INTEGER && !(amount instanceof Long)
                    || kind == ValueKind.DECIMAL && !(amount instanceof Long || isDecimal(amount))) {
                throw new ValueConversionException(where + " of type " + type + " (" + kind + "): increment "
                        + describe(amount) + " is not " + (kind == ValueKind.INTEGER ? "an integer" : "a decimal number"));
            }
        });
    }

    private static boolean isDecimal(Object amount) {
        if (!(amount instanceof String text)) {
            return false;
        }
        try {
            new BigDecimal(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String describe(Object value) {
        return value.getClass().getSimpleName() + " '" + value + "'";
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

    private static boolean hasColumns(TableInfo table, Map<String, Object> key, Map<String, Object> row,
                                      Map<String, Object> insertOnly, Map<String, Object> increments) {
        Set<String> columns = table.columns().keySet();
        return columns.containsAll(key.keySet()) && (row == null || columns.containsAll(row.keySet()))
                && columns.containsAll(insertOnly.keySet()) && columns.containsAll(increments.keySet());
    }

    @SafeVarargs
    private static void requireColumns(TableInfo table, String role, Set<String>... named) {
        List<String> unknown = new ArrayList<>();
        for (Set<String> columns : named) {
            columns.stream().filter(c -> !table.columns().containsKey(c) && !unknown.contains(c)).forEach(unknown::add);
        }
        if (!unknown.isEmpty()) {
            throw new ValueConversionException("table " + table.qualifiedName() + " has no " + role + "column(s) "
                    + unknown + "; it has " + table.columns().keySet());
        }
    }

    private static Map<String, Object> ordered(List<String> columns, Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        columns.forEach(c -> out.put(c, values.get(c)));
        return out;
    }
}

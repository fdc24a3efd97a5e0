package io.strangler.apply.internal;

import io.strangler.core.row.ColumnType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a {@link RowWrite} into its engine's SQL and JDBC parameters, in the order the placeholders appear. */
final class Statements {

    private final Dialect dialect;

    Statements(Dialect dialect) {
        this.dialect = dialect;
    }

    /** @throws ValueConversionException naming table and column when a value does not fit its column */
    BoundCommand render(RowWrite write) {
        TableInfo table = write.table();
        List<String> counters = inTableOrder(table, write.increments());
        return switch (write.op()) {
            case DELETE -> new BoundCommand(write, dialect.delete(table, write.keyColumns()),
                    params(table, write.keyColumns(), write.key()));
            case INCREMENT -> {
                List<JdbcValueWriter.Param> params = params(table, counters, write.increments());
                params.addAll(params(table, write.keyColumns(), write.key()));
                yield new BoundCommand(write, dialect.increment(table, counters, write.keyColumns()), params);
            }
            case UPSERT -> {
                Map<String, Object> inserted = new HashMap<>(write.insertOnly());
                inserted.putAll(write.row());
                List<String> columns = inTableOrder(table, inserted);
                Set<String> insertOnly = new HashSet<>(write.insertOnly().keySet());
                // VALUES (…) first, then the increments of the conflict path
                List<JdbcValueWriter.Param> params = params(table, columns, inserted);
                params.addAll(params(table, counters, write.increments()));
                yield new BoundCommand(write, dialect.upsert(table, columns, write.keyColumns(), insertOnly, counters),
                        params);
            }
            case MARK -> throw new IllegalArgumentException("a MARK command is never a row write");
        };
    }

    static List<String> inTableOrder(TableInfo table, Map<String, Object> values) {
        return table.columns().keySet().stream().filter(values::containsKey).toList();
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

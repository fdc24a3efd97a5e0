package io.strangler.validator.internal;

import io.strangler.core.mapping.Side;
import io.strangler.core.row.ColumnType;
import io.strangler.core.row.Engine;
import io.strangler.core.row.ValueKind;
import java.util.List;
import java.util.Objects;

/**
 * One side of a mapped table as the validator reads it.
 *
 * @param side        which side
 * @param engine      its engine
 * @param schema      schema (PostgreSQL) or database (MariaDB)
 * @param table       table name
 * @param columns     the side's names of the mapped columns, in mapping order
 * @param types       their canonical reading types, same order
 * @param keyIndexes  positions in {@code columns} of the key columns, in key order
 */
public record SideTable(Side side, Engine engine, String schema, String table, List<String> columns,
                        List<ColumnType> types, List<Integer> keyIndexes) {

    public SideTable {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(engine, "engine");
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        keyIndexes = List.copyOf(keyIndexes);
    }

    public String qualifiedName() {
        return schema + "." + table;
    }

    public ValueKind keyKind(int keyPosition) {
        return types.get(keyIndexes.get(keyPosition)).kind();
    }

    public String keyColumn(int keyPosition) {
        return columns.get(keyIndexes.get(keyPosition));
    }
}

package io.strangler.core.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A foreign key; {@code columns} and {@code referencedColumns} are in constraint order.
 *
 * @param onDelete the referential action in upper case: {@code NO ACTION}, {@code RESTRICT}, {@code CASCADE},
 *                 {@code SET NULL} or {@code SET DEFAULT}
 */
public record ForeignKey(String name, List<String> columns, String referencedSchema, String referencedTable,
        List<String> referencedColumns, String onDelete) {

    public ForeignKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(referencedSchema, "referencedSchema");
        Objects.requireNonNull(referencedTable, "referencedTable");
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
        if (columns.isEmpty() || columns.size() != referencedColumns.size()) {
            throw new IllegalArgumentException("foreign key " + name + " needs as many columns as referenced columns");
        }
    }
}

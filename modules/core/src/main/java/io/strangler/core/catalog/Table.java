package io.strangler.core.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A base table.
 *
 * @param columns    in table order
 * @param primaryKey column names in key order; empty when the table has no primary key
 */
public record Table(String schema, String name, List<Column> columns, List<String> primaryKey,
        List<ForeignKey> foreignKeys, List<UniqueConstraint> uniqueConstraints, List<CheckConstraint> checkConstraints) {

    public Table {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        foreignKeys = List.copyOf(foreignKeys);
        uniqueConstraints = List.copyOf(uniqueConstraints);
        checkConstraints = List.copyOf(checkConstraints);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(column -> column.name().equals(columnName)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    public boolean hasPrimaryKey() {
        return !primaryKey.isEmpty();
    }

    /**
     * Whether the database guarantees that {@code columnNames} identify at most one row: they include all
     * columns of the primary key or of a unique constraint.
     */
    public boolean isUniqueKey(Set<String> columnNames) {
        if (hasPrimaryKey() && columnNames.containsAll(primaryKey)) {
            return true;
        }
        return uniqueConstraints.stream().anyMatch(unique -> columnNames.containsAll(unique.columns()));
    }

    /** {@code schema.name}. */
    public String qualifiedName() {
        return schema + "." + name;
    }
}

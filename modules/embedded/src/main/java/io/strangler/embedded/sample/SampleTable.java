package io.strangler.embedded.sample;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table of the sample monolith as both engines define it.
 *
 * @param name        table name (PostgreSQL schema {@code public}, MariaDB the current database)
 * @param columns     columns in DDL order; generated rows list values in this order
 * @param primaryKey  primary-key columns in key order
 * @param foreignKeys the table's foreign keys
 */
public record SampleTable(String name, List<SampleColumn> columns, List<String> primaryKey,
                          List<ForeignKey> foreignKeys) {

    /**
     * A single-column foreign key (the sample has no composite ones).
     *
     * @param column           referencing column of this table
     * @param referencedTable  referenced table
     * @param referencedColumn referenced column (always that table's single-column primary key)
     */
    public record ForeignKey(String column, String referencedTable, String referencedColumn) {
        public ForeignKey {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(referencedTable, "referencedTable");
            Objects.requireNonNull(referencedColumn, "referencedColumn");
        }
    }

    public SampleTable {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        foreignKeys = List.copyOf(foreignKeys);
        if (primaryKey.isEmpty()) {
            throw new IllegalArgumentException("table " + name + " has no primary key");
        }
        for (String key : primaryKey) {
            if (indexOf(columns, key) < 0) {
                throw new IllegalArgumentException("table " + name + ": primary-key column " + key + " is not a column");
            }
        }
        for (ForeignKey fk : foreignKeys) {
            if (indexOf(columns, fk.column()) < 0) {
                throw new IllegalArgumentException("table " + name + ": foreign-key column " + fk.column()
                        + " is not a column");
            }
        }
    }

    /** Column names in DDL order. */
    public List<String> columnNames() {
        return columns.stream().map(SampleColumn::name).toList();
    }

    /** Position of a column in {@link #columns()}, or -1. */
    public int indexOf(String column) {
        return indexOf(columns, column);
    }

    /** The column with that name, if any. */
    public Optional<SampleColumn> column(String column) {
        int index = indexOf(column);
        return index < 0 ? Optional.empty() : Optional.of(columns.get(index));
    }

    private static int indexOf(List<SampleColumn> columns, String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }
}

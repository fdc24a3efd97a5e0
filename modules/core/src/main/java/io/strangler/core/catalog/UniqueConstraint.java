package io.strangler.core.catalog;

import java.util.List;
import java.util.Objects;

/** A unique constraint or unique index (not the primary key) over plain columns, in index order. */
public record UniqueConstraint(String name, List<String> columns) {

    public UniqueConstraint {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("unique constraint " + name + " has no columns");
        }
    }
}

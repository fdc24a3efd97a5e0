package io.strangler.core.catalog;

import java.util.List;
import java.util.Objects;

/** A PostgreSQL enum type (MariaDB enums are per column: see {@link Column#enumValues()}). */
public record EnumType(String schema, String name, List<String> labels) {

    public EnumType {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        labels = List.copyOf(labels);
    }
}

package io.strangler.generator.boundary;

import java.util.Objects;

/**
 * A table named in a boundary: {@code schema.table}, or a bare {@code table} resolved against the default schema.
 *
 * @param schema null for a bare name
 */
public record TableRef(String schema, String name) {

    public TableRef {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || schema != null && schema.isBlank()) {
            throw new IllegalArgumentException("a table name must not be blank: '" + (schema == null ? "" : schema + ".") + name + "'");
        }
    }

    /** {@code public.orders} or {@code orders}; only the first dot separates (table names may contain dots). */
    public static TableRef parse(String text) {
        String trimmed = text.strip();
        int dot = trimmed.indexOf('.');
        return dot < 0 ? new TableRef(null, trimmed) : new TableRef(trimmed.substring(0, dot), trimmed.substring(dot + 1));
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}

package io.strangler.analyzer.evidence;

import java.util.Objects;

/**
 * A catalogue table as the database stores its name (PostgreSQL: unquoted names folded to lower case).
 * Ordered by schema, then name, so reports list tables in a stable order.
 */
public record TableName(String schema, String name) implements Comparable<TableName> {

    public TableName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        if (schema.isEmpty() || name.isEmpty()) {
            throw new IllegalArgumentException("a table needs a schema and a name, got '" + schema + "." + name + "'");
        }
    }

    /** Parses {@code schema.table}; the schema may not be left out. */
    public static TableName parse(String qualified) {
        int dot = qualified == null ? -1 : qualified.indexOf('.');
        if (dot <= 0 || dot == qualified.length() - 1) {
            throw new IllegalArgumentException("expected schema.table, got '" + qualified + "'");
        }
        return new TableName(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    /** {@code schema.table}. */
    public String qualified() {
        return schema + "." + name;
    }

    @Override
    public int compareTo(TableName other) {
        int bySchema = schema.compareTo(other.schema);
        return bySchema != 0 ? bySchema : name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return qualified();
    }
}

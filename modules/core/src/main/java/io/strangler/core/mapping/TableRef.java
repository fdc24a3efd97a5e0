package io.strangler.core.mapping;

/**
 * A table on one side: a PostgreSQL schema or a MariaDB/MySQL database, and the table's name. Names are
 * matched exactly as the database stores them (PostgreSQL folds unquoted names to lower case).
 */
public record TableRef(String schema, String table) {

    public TableRef {
        requireName("schema", schema);
        requireName("table", table);
    }

    private static void requireName(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new MappingException(key, "must be a non-empty name");
        }
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }
}

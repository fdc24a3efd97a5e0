package io.strangler.core.catalog;

import io.strangler.core.row.ColumnType;
import io.strangler.core.row.Engine;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one database holds in the schemas that were read: tables (sorted by schema and name) and enum types.
 * <pre>{@code
 * try (Connection connection = DriverManager.getConnection(url, user, password)) {
 *     Catalog catalog = CatalogReader.read(connection, List.of("public"));
 *     Table orders = catalog.table("public", "orders").orElseThrow();
 * }
 * }</pre>
 */
public record Catalog(Engine engine, List<String> schemas, List<Table> tables, List<EnumType> enumTypes) {

    public Catalog {
        Objects.requireNonNull(engine, "engine");
        schemas = List.copyOf(schemas);
        tables = tables.stream().sorted(Comparator.comparing(Table::schema).thenComparing(Table::name)).toList();
        enumTypes = List.copyOf(enumTypes);
    }

    public Optional<Table> table(String schema, String name) {
        return tables.stream().filter(table -> table.schema().equals(schema) && table.name().equals(name)).findFirst();
    }

    /**
     * How to read {@code column}'s values canonically ({@code CanonicalValue}); uses the catalogue's knowledge
     * that JDBC metadata lacks (enum types, MariaDB JSON columns).
     */
    public ColumnType columnType(Column column) {
        String typeName = switch (column.family()) {
            case ENUM -> "enum";
            case JSON -> "json";
            default -> column.typeName();
        };
        int scale = column.scale() != null ? column.scale()
                : column.family() == TypeFamily.DECIMAL ? ColumnType.VARIABLE_SCALE : 0;
        return new ColumnType(engine, typeName, column.jdbcType(), column.length() == null ? 0 : column.length(),
                column.precision() == null ? 0 : column.precision(), scale);
    }

    public List<Table> tables(String schema) {
        return tables.stream().filter(table -> table.schema().equals(schema)).toList();
    }
}

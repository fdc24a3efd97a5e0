package io.strangler.core.catalog;

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

    public List<Table> tables(String schema) {
        return tables.stream().filter(table -> table.schema().equals(schema)).toList();
    }
}

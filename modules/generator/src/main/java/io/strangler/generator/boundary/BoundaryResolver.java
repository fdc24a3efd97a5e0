package io.strangler.generator.boundary;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Finds a boundary's tables in the catalogue; bare names resolve against the default schema. */
public final class BoundaryResolver {

    private BoundaryResolver() {
    }

    /** The schemas the catalogue must hold to resolve {@code boundary}, sorted. */
    public static List<String> schemas(Boundary boundary, String defaultSchema) {
        Set<String> schemas = new LinkedHashSet<>();
        boundary.tables().forEach(ref -> schemas.add(ref.schema() == null ? defaultSchema : ref.schema()));
        return schemas.stream().sorted().toList();
    }

    /** The boundary's tables sorted by schema and name, so that output never depends on the order given. */
    public static List<Table> resolve(Boundary boundary, Catalog catalog, String defaultSchema) {
        List<Table> tables = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (TableRef ref : boundary.tables()) {
            String schema = ref.schema() == null ? defaultSchema : ref.schema();
            catalog.table(schema, ref.name()).ifPresentOrElse(tables::add, () -> missing.add(schema + "." + ref.name()));
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the database has no table " + String.join(", ", missing)
                    + " (tables there: " + String.join(", ", catalog.tables().stream().map(Table::qualifiedName).limit(30).toList())
                    + (catalog.tables().size() > 30 ? ", ..." : "") + ")");
        }
        if (tables.stream().map(Table::qualifiedName).distinct().count() != tables.size()) {
            throw new IllegalArgumentException("the boundary names a table twice (once with, once without its schema)");
        }
        tables.sort(Comparator.comparing(Table::schema).thenComparing(Table::name));
        return List.copyOf(tables);
    }
}

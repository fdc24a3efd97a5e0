package io.strangler.validator.internal;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.ForeignKey;
import io.strangler.core.catalog.Table;
import io.strangler.core.mapping.Side;
import io.strangler.core.row.ColumnType;
import io.strangler.core.row.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One foreign key of one side of a mapped table, and the SQL that finds its orphans: rows whose foreign-key columns
 * are all non-NULL (a NULL in any of them satisfies the constraint, MATCH SIMPLE, as both engines enforce it) and match
 * no row of the referenced table. Both queries are anti-joins ({@code NOT EXISTS}), which both engines plan as one
 * pass over the child with index look-ups into the parent's key.
 *
 * @param mapping      the mapping the table belongs to
 * @param child        the side's table as the validator reads it (key columns and types)
 * @param foreignKey   the constraint, from the side's catalogue
 * @param columnTypes  reading types of {@code foreignKey.columns()}, same order
 */
public record ForeignKeyCheck(String mapping, SideTable child, ForeignKey foreignKey, List<ColumnType> columnTypes) {

    public ForeignKeyCheck {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(child, "child");
        Objects.requireNonNull(foreignKey, "foreignKey");
        columnTypes = List.copyOf(columnTypes);
        if (columnTypes.size() != foreignKey.columns().size()) {
            throw new IllegalArgumentException("one reading type per foreign-key column");
        }
    }

    /** The checks of every foreign key the catalogue lists for {@code side} of {@code plan}'s table. */
    public static List<ForeignKeyCheck> of(TablePlan plan, Side side, Catalog catalog) {
        SideTable child = plan.side(side);
        Table table = catalog.table(child.schema(), child.table()).orElseThrow();
        List<ForeignKeyCheck> checks = new ArrayList<>();
        for (ForeignKey foreignKey : table.foreignKeys()) {
            List<ColumnType> types = foreignKey.columns().stream()
                    .map(name -> catalog.columnType(table.column(name).orElseThrow(() -> new IllegalStateException(
                            "foreign key " + foreignKey.name() + " names unknown column " + name))))
                    .toList();
            checks.add(new ForeignKeyCheck(plan.name(), child, foreignKey, types));
        }
        return checks;
    }

    public Side side() {
        return child.side();
    }

    /** For reports: {@code fk_line_order (order_id) → public.orders (id)}. */
    public String describe() {
        return foreignKey.name() + " (" + String.join(", ", foreignKey.columns()) + ") → " + foreignKey.referencedSchema()
                + "." + foreignKey.referencedTable() + " (" + String.join(", ", foreignKey.referencedColumns()) + ")";
    }

    /** {@code SELECT count(*)} of the orphans. */
    public String countSql() {
        return "SELECT " + (child.engine() == Engine.POSTGRESQL ? "count(*)" : "COUNT(*)") + from();
    }

    /**
     * The first {@code limit} orphans in the validator's key order: the key columns (in key order), then the
     * foreign-key columns (in constraint order).
     */
    public String sampleSql(int limit) {
        List<String> selected = new ArrayList<>();
        List<String> order = new ArrayList<>();
        for (int i = 0; i < child.keyIndexes().size(); i++) {
            selected.add("c." + q(child.keyColumn(i)));
            // unqualified: only the child is in the outer query's scope, and the order terms wrap the column
            order.add(Sql.orderTerm(child.engine(), child.keyColumn(i), child.keyKind(i)));
        }
        foreignKey.columns().forEach(column -> selected.add("c." + q(column)));
        return "SELECT " + String.join(", ", selected) + from() + " ORDER BY " + String.join(", ", order)
                + " LIMIT " + limit;
    }

    private String from() {
        List<String> present = new ArrayList<>();
        List<String> joins = new ArrayList<>();
        for (int i = 0; i < foreignKey.columns().size(); i++) {
            String column = "c." + q(foreignKey.columns().get(i));
            present.add(column + " IS NOT NULL");
            joins.add("p." + q(foreignKey.referencedColumns().get(i)) + " = " + column);
        }
        String parent = q(foreignKey.referencedSchema()) + "." + q(foreignKey.referencedTable());
        return " FROM " + Sql.table(child) + " c WHERE " + String.join(" AND ", present)
                + " AND NOT EXISTS (SELECT 1 FROM " + parent + " p WHERE " + String.join(" AND ", joins) + ")";
    }

    private String q(String identifier) {
        return Sql.quote(child.engine(), identifier);
    }
}

package io.strangler.api;

import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.Direction;
import io.strangler.core.mapping.Mapping;
import io.strangler.core.mapping.MappingException;
import io.strangler.core.mapping.TableRef;
import java.util.List;

/**
 * One table kept in sync: a monolith table and its service counterpart, with an optional key, direction and conflict
 * strategy. For renames, one-sided or excluded columns and counters, give a full {@link Mapping} or a mappings file to
 * {@link SyncEngine.Builder#mapping} / {@link SyncEngine.Builder#mappingsFile} instead (docs/mappings.md).
 *
 * <pre>{@code
 * TableMapping.of("public.customers")                                  // same table on both sides, both ways
 * TableMapping.of("orders", "public.orders", "orders_svc.purchase_order")
 *         .withDirection(Direction.MONOLITH_TO_SERVICE)
 *         .withStrategy(Conflicts.priority(Side.MONOLITH));
 * }</pre>
 *
 * @param strategy null: the sync builder's {@link SyncEngine.Builder#strategy}
 */
public record TableMapping(String name, TableRef monolith, TableRef service, List<String> key, Direction direction,
        ConflictStrategy strategy) {

    public TableMapping {
        InvalidSettingException.require("table.name", name, "letters, digits, '_', '-' or '.'");
        InvalidSettingException.require("table " + name + ".monolith", monolith, "schema.table");
        InvalidSettingException.require("table " + name + ".service", service, "schema.table");
        key = List.copyOf(key == null ? List.of() : key);
        direction = direction == null ? Direction.BOTH : direction;
    }

    /** {@code schema.table} on both sides, named after the table, synchronised both ways. */
    public static TableMapping of(String qualifiedTable) {
        TableRef table = table("table " + qualifiedTable, qualifiedTable);
        return new TableMapping(table.table(), table, table, List.of(), Direction.BOTH, null);
    }

    /** A monolith table and a service table ({@code schema.table} each) under {@code name}. */
    public static TableMapping of(String name, String monolithTable, String serviceTable) {
        return new TableMapping(name, table("table " + name + ".monolith", monolithTable),
                table("table " + name + ".service", serviceTable), List.of(), Direction.BOTH, null);
    }

    /** The logical key; by default the monolith's primary key. */
    public TableMapping withKey(String... columns) {
        return new TableMapping(name, monolith, service, List.of(columns), direction, strategy);
    }

    public TableMapping withDirection(Direction newDirection) {
        return new TableMapping(name, monolith, service, key, newDirection, strategy);
    }

    /** This table's own strategy, e.g. {@link Conflicts#custom}. */
    public TableMapping withStrategy(ConflictStrategy newStrategy) {
        return new TableMapping(name, monolith, service, key, direction, newStrategy);
    }

    /** The mapping a mappings file would hold for this table; {@code fallback} when no strategy of its own is set. */
    Mapping toMapping(ConflictStrategy fallback) {
        try {
            return new Mapping(name, monolith, service, key, null, null, null, null, null, direction,
                    strategy == null ? fallback : strategy);
        } catch (MappingException e) {
            throw new InvalidSettingException("table " + name, e.getMessage(), e);
        }
    }

    private static TableRef table(String setting, String qualified) {
        InvalidSettingException.require(setting, qualified, "schema.table, e.g. public.customers");
        int dot = qualified.indexOf('.');
        if (dot <= 0 || dot == qualified.length() - 1 || qualified.indexOf('.', dot + 1) >= 0) {
            throw new InvalidSettingException(setting, "must be schema.table (a PostgreSQL schema or a MariaDB"
                    + " database, then the table), got '" + qualified + "'");
        }
        return new TableRef(qualified.substring(0, dot), qualified.substring(dot + 1));
    }
}

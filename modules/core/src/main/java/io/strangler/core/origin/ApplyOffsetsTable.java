package io.strangler.core.origin;

import io.strangler.core.row.Engine;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The table in which an apply sink records, in the same transaction as the rows it writes, how far it has applied
 * (its exactly-once bookkeeping). It doubles as the marker of the sink's transactions in the database's log: the sink
 * writes it first in every transaction, so capture, reading the log in order, knows before the first data change of
 * a transaction whether the sync wrote it ({@code ChangeOrigin.APPLY}) or anybody else did ({@code LOCAL}). That is
 * what lets the sync tell the echo of its own write from an identical write of a user, which content alone cannot
 * (every deletion looks alike).
 *
 * <p>Example: {@code ApplyOffsetsTable.of("strangler_apply_offsets").matches("public", "strangler_apply_offsets")}
 * is true; {@code createStatement(Engine.POSTGRESQL)} gives the DDL both the sink and capture run.
 *
 * @param name the table name, optionally schema-qualified ({@code schema.table}); unqualified matches any schema
 */
public record ApplyOffsetsTable(String name) {

    public static final String DEFAULT_NAME = "strangler_apply_offsets";

    public ApplyOffsetsTable {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?")) {
            throw new IllegalArgumentException("'" + name + "' is not a table name (optionally schema-qualified)");
        }
    }

    public static ApplyOffsetsTable of(String name) {
        return new ApplyOffsetsTable(name);
    }

    /** The table name without its schema. */
    public String table() {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    /** The schema the name is qualified with, or null when it is not (then the table matches in any schema). */
    public String schema() {
        int dot = name.indexOf('.');
        return dot < 0 ? null : name.substring(0, dot);
    }

    /** Whether a captured change of {@code schema.table} is a write to this table (names compared case-insensitively). */
    public boolean matches(String schema, String table) {
        return table().equalsIgnoreCase(table) && (schema() == null || schema().equalsIgnoreCase(schema));
    }

    /** A Debezium {@code table.include.list} entry (a regular expression on {@code schema.table}) for this table. */
    public String includeListEntry() {
        return (schema() == null ? "[^.]+" : Pattern.quote(schema())) + "\\." + Pattern.quote(table());
    }

    /** {@code CREATE TABLE IF NOT EXISTS} for this table in the engine's dialect. */
    public String createStatement(Engine engine) {
        return switch (engine) {
            case POSTGRESQL -> "CREATE TABLE IF NOT EXISTS " + name + " (consumer_group varchar(255) NOT NULL, "
                    + "topic varchar(255) NOT NULL, partition_id integer NOT NULL, next_offset bigint NOT NULL, "
                    + "records_committed bigint NOT NULL DEFAULT 0, "
                    + "updated_at timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP, "
                    + "PRIMARY KEY (consumer_group, topic, partition_id))";
            case MARIADB -> "CREATE TABLE IF NOT EXISTS " + name + " (consumer_group VARCHAR(255) NOT NULL, "
                    + "topic VARCHAR(255) NOT NULL, partition_id INT NOT NULL, next_offset BIGINT NOT NULL, "
                    + "records_committed BIGINT NOT NULL DEFAULT 0, "
                    + "updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), "
                    + "PRIMARY KEY (consumer_group, topic, partition_id)) ENGINE = InnoDB";
        };
    }

}

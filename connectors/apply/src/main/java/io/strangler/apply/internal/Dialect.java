package io.strangler.apply.internal;

import io.strangler.core.row.Engine;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What differs between the engine families: quoting, upsert syntax, the replication session and the catalogue. */
public abstract class Dialect {

    public static Dialect of(Engine engine) {
        return switch (engine) {
            case POSTGRESQL -> new PostgresDialect();
            case MARIADB -> new MariaDbDialect();
        };
    }

    public abstract Engine engine();

    public abstract String quote(String identifier);

    public String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    /** An idempotent insert-or-update of {@code columns} keyed by {@code keyColumns} (a subset of columns). */
    public String upsert(TableInfo table, List<String> columns, List<String> keyColumns) {
        return upsert(table, columns, keyColumns, Set.of(), List.of());
    }

    /**
     * As {@link #upsert(TableInfo, List, List)}, but the {@code insertOnly} columns (a subset of columns) are written
     * only when the row is inserted, and an existing row gets {@code c = COALESCE(c, 0) + ?} for each of the {@code incremented}
     * columns: one placeholder each, after the {@code VALUES} placeholders, in this order.
     */
    public abstract String upsert(TableInfo table, List<String> columns, List<String> keyColumns,
                                  Set<String> insertOnly, List<String> incremented);

    /** {@code c = COALESCE(c, 0) + ?} for each of {@code incremented} on the row with this key, if there is one; keys bound last. */
    public String increment(TableInfo table, List<String> incremented, List<String> keyColumns) {
        return "UPDATE " + qualified(table.schema(), table.table()) + " SET "
                + incremented.stream().map(c -> quote(c) + " = " + plusAmount(quote(c))).collect(Collectors.joining(", "))
                + " WHERE " + keyColumns.stream().map(c -> quote(c) + " = ?").collect(Collectors.joining(" AND "));
    }

    /** {@code current + ?}, a NULL counter counting as zero (as the sync's deltas do), so NULL plus an amount is the amount. */
    protected static String plusAmount(String current) {
        return "COALESCE(" + current + ", 0) + ?";
    }

    /**
     * Lets the session's commits return before their log reaches disk ({@code strangler.apply.synchronous.commit=false}),
     * where the engine allows it per session.
     */
    public abstract void commitWithoutFlush(Connection connection, String target) throws SQLException;

    public String delete(TableInfo table, List<String> keyColumns) {
        return "DELETE FROM " + qualified(table.schema(), table.table()) + " WHERE "
                + keyColumns.stream().map(c -> quote(c) + " = ?").collect(Collectors.joining(" AND "));
    }

    /**
     * Prepares a fresh connection: time zone for canonical values and, when asked, the replication session.
     *
     * @return whether the replication session is in effect
     */
    public abstract boolean prepareSession(Connection connection, boolean replication, String target) throws SQLException;

    public abstract String createOffsetsTable(String table);

    public abstract String upsertOffset(String table);

    public String selectOffsetsForUpdate(String table) {
        return "SELECT partition_id, next_offset, records_committed FROM " + table
                + " WHERE consumer_group = ? AND topic = ? FOR UPDATE";
    }

    public String selectOffsets(String table) {
        return "SELECT partition_id, next_offset, records_committed FROM " + table + " WHERE consumer_group = ? AND topic = ?";
    }

    static String columnList(Dialect dialect, List<String> columns) {
        return columns.stream().map(dialect::quote).collect(Collectors.joining(", "));
    }

    static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}

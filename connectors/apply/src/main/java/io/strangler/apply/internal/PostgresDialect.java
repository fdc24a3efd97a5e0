package io.strangler.apply.internal;

import io.strangler.core.origin.ApplyOffsetsTable;
import io.strangler.core.row.Engine;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** PostgreSQL: {@code INSERT … ON CONFLICT (key) DO UPDATE}, {@code session_replication_role = replica}. */
final class PostgresDialect extends Dialect {

    private static final Logger LOGGER = LoggerFactory.getLogger(PostgresDialect.class);
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private volatile boolean warnedNoReplicationRole;

    @Override
    public Engine engine() {
        return Engine.POSTGRESQL;
    }

    @Override
    public String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String upsert(TableInfo table, List<String> columns, List<String> keyColumns, Set<String> insertOnly,
                         List<String> incremented) {
        List<String> updated = columns.stream().filter(c -> !keyColumns.contains(c) && !insertOnly.contains(c)).toList();
        // the existing row's value needs the table's name in the DO UPDATE part: an alias, as EXCLUDED names the new one
        String alias = quote(table.table());
        List<String> assignments = new ArrayList<>();
        updated.forEach(c -> assignments.add(quote(c) + " = EXCLUDED." + quote(c)));
        incremented.forEach(c -> assignments.add(quote(c) + " = " + plusAmount(alias + "." + quote(c))));
        String action = assignments.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + String.join(", ", assignments);
        return "INSERT INTO " + qualified(table.schema(), table.table()) + (incremented.isEmpty() ? "" : " AS " + alias)
                + " (" + columnList(this, columns) + ") VALUES (" + placeholders(columns.size()) + ") ON CONFLICT ("
                + columnList(this, keyColumns) + ") " + action;
    }

    @Override
    public void commitWithoutFlush(Connection connection, String target) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET synchronous_commit = off");
        }
    }

    @Override
    public boolean prepareSession(Connection connection, boolean replication, String target) throws SQLException {
        if (!replication) {
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET session_replication_role = replica");
            return true;
        } catch (SQLException e) {
            if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                throw e;
            }
            if (!warnedNoReplicationRole) {
                warnedNoReplicationRole = true;
                LOGGER.warn("Apply sink for target '{}': the database user may not set session_replication_role, so "
                        + "foreign keys and triggers of the target stay active and a child row arriving before its parent "
                        + "will be dead-lettered. Fix: GRANT SET ON PARAMETER session_replication_role TO <user> "
                        + "(PostgreSQL 15+) or use a superuser. ({})", target, e.getMessage());
            }
            return false;
        }
    }

    @Override
    public String createOffsetsTable(String table) {
        return ApplyOffsetsTable.of(table).createStatement(Engine.POSTGRESQL);
    }

    @Override
    public String upsertOffset(String table) {
        return "INSERT INTO " + table + " AS o (consumer_group, topic, partition_id, next_offset, records_committed, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP) ON CONFLICT (consumer_group, topic, partition_id) DO UPDATE SET "
                + "next_offset = EXCLUDED.next_offset, records_committed = o.records_committed + EXCLUDED.records_committed, "
                + "updated_at = EXCLUDED.updated_at";
    }
}

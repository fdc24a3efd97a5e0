package io.strangler.apply.internal;

import io.strangler.core.row.CanonicalValue;
import io.strangler.core.origin.ApplyOffsetsTable;
import io.strangler.core.row.Engine;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.LoggerFactory;

/** MariaDB and MySQL: {@code INSERT … ON DUPLICATE KEY UPDATE}, {@code FOREIGN_KEY_CHECKS = 0}, UTC session. */
final class MariaDbDialect extends Dialect {

    private boolean warnedNoSessionFlushSetting;

    @Override
    public Engine engine() {
        return Engine.MARIADB;
    }

    @Override
    public String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    public void commitWithoutFlush(Connection connection, String target) {
        if (!warnedNoSessionFlushSetting) {
            warnedNoSessionFlushSetting = true;
            LoggerFactory.getLogger(MariaDbDialect.class).warn("Apply sink for target '{}': "
                    + "strangler.apply.synchronous.commit=false has no effect on MariaDB/MySQL (innodb_flush_log_at_trx_commit"
                    + " is server-wide); commits still wait for the log", target);
        }
    }

    @Override
    public String upsert(TableInfo table, List<String> columns, List<String> keyColumns, Set<String> insertOnly,
                         List<String> incremented) {
        List<String> updated = columns.stream().filter(c -> !keyColumns.contains(c) && !insertOnly.contains(c)).toList();
        List<String> assignments = new ArrayList<>();
        updated.forEach(c -> assignments.add(quote(c) + " = VALUES(" + quote(c) + ")"));
        // an unqualified column in ON DUPLICATE KEY UPDATE is the existing row's value
        incremented.forEach(c -> assignments.add(quote(c) + " = " + plusAmount(quote(c))));
        if (assignments.isEmpty()) {
            // with nothing but key columns, a no-op assignment keeps the statement idempotent
            assignments.add(quote(keyColumns.get(0)) + " = " + quote(keyColumns.get(0)));
        }
        return "INSERT INTO " + qualified(table.schema(), table.table()) + " (" + columnList(this, columns)
                + ") VALUES (" + placeholders(columns.size()) + ") ON DUPLICATE KEY UPDATE " + String.join(", ", assignments);
    }

    @Override
    public boolean prepareSession(Connection connection, boolean replication, String target) throws SQLException {
        CanonicalValue.prepareSession(connection, Engine.MARIADB);
        if (!replication) {
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET FOREIGN_KEY_CHECKS = 0");
        }
        return true;
    }

    @Override
    public String createOffsetsTable(String table) {
        return ApplyOffsetsTable.of(table).createStatement(Engine.MARIADB);
    }

    @Override
    public String upsertOffset(String table) {
        return "INSERT INTO " + table + " (consumer_group, topic, partition_id, next_offset, records_committed, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE next_offset = VALUES(next_offset), "
                + "records_committed = records_committed + VALUES(records_committed), updated_at = VALUES(updated_at)";
    }
}

package io.strangler.apply.internal;

import io.strangler.core.row.CanonicalValue;
import io.strangler.core.row.ColumnType;
import io.strangler.core.row.Engine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** MariaDB and MySQL: {@code INSERT … ON DUPLICATE KEY UPDATE}, {@code FOREIGN_KEY_CHECKS = 0}, UTC session. */
final class MariaDbDialect extends Dialect {

    private static final String COLUMNS = """
            SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE
            FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION""";
    // MariaDB stores JSON as LONGTEXT with a json_valid(`column`) check constraint
    private static final String JSON_CHECKS = """
            SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?""";
    private static final Pattern JSON_VALID = Pattern.compile("json_valid\\(`((?:[^`]|``)+)`\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DISPLAY_WIDTH = Pattern.compile("^[a-z]+\\((\\d+)\\)");

    @Override
    public Engine engine() {
        return Engine.MARIADB;
    }

    @Override
    public String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    public String upsert(TableInfo table, List<String> columns, List<String> keyColumns) {
        List<String> updated = columns.stream().filter(c -> !keyColumns.contains(c)).toList();
        // with nothing but key columns, a no-op assignment keeps the statement idempotent
        String assignments = updated.isEmpty()
                ? quote(keyColumns.get(0)) + " = " + quote(keyColumns.get(0))
                : updated.stream().map(c -> quote(c) + " = VALUES(" + quote(c) + ")").collect(Collectors.joining(", "));
        return "INSERT INTO " + qualified(table.schema(), table.table()) + " (" + columnList(this, columns)
                + ") VALUES (" + placeholders(columns.size()) + ") ON DUPLICATE KEY UPDATE " + assignments;
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
    public Optional<TableInfo> readTable(Connection connection, String schema, String table) throws SQLException {
        Map<String, ColumnType> columns = new LinkedHashMap<>();
        java.util.Set<String> jsonColumns = jsonColumns(connection, schema, table);
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String dataType = rs.getString(2).toLowerCase(Locale.ROOT);
                    String columnType = rs.getString(3).toLowerCase(Locale.ROOT);
                    String typeName = columnType.contains("unsigned") ? dataType + " unsigned" : dataType;
                    if (dataType.equals("longtext") && jsonColumns.contains(rs.getString(1))) {
                        typeName = "json";
                    }
                    long charLength = rs.getLong(4);
                    int precision = (int) Math.min(Integer.MAX_VALUE, Math.max(0, rs.getLong(5)));
                    int scale = Math.max(0, rs.getInt(6));
                    int length = switch (dataType) {
                        case "tinyint" -> displayWidth(columnType);
                        case "bit" -> precision;
                        default -> (int) Math.min(Integer.MAX_VALUE, Math.max(0, charLength));
                    };
                    columns.put(rs.getString(1), new ColumnType(Engine.MARIADB, typeName, Types.OTHER, length, precision, scale));
                }
            }
        }
        return columns.isEmpty() ? Optional.empty() : Optional.of(new TableInfo(schema, table, columns));
    }

    private static java.util.Set<String> jsonColumns(Connection connection, String schema, String table) throws SQLException {
        java.util.Set<String> json = new java.util.HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(JSON_CHECKS)) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Matcher matcher = JSON_VALID.matcher(rs.getString(1));
                    if (matcher.find()) {
                        json.add(matcher.group(1).replace("``", "`"));
                    }
                }
            }
        }
        return json;
    }

    private static int displayWidth(String columnType) {
        Matcher matcher = DISPLAY_WIDTH.matcher(columnType);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    @Override
    public String createOffsetsTable(String table) {
        return "CREATE TABLE IF NOT EXISTS " + table + " (consumer_group VARCHAR(255) NOT NULL, topic VARCHAR(255) NOT NULL, "
                + "partition_id INT NOT NULL, next_offset BIGINT NOT NULL, records_committed BIGINT NOT NULL DEFAULT 0, "
                + "updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), "
                + "PRIMARY KEY (consumer_group, topic, partition_id)) ENGINE = InnoDB";
    }

    @Override
    public String upsertOffset(String table) {
        return "INSERT INTO " + table + " (consumer_group, topic, partition_id, next_offset, records_committed, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE next_offset = VALUES(next_offset), "
                + "records_committed = records_committed + VALUES(records_committed), updated_at = VALUES(updated_at)";
    }
}

package io.strangler.core.catalog.internal;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.CheckConstraint;
import io.strangler.core.catalog.Column;
import io.strangler.core.row.Engine;
import io.strangler.core.catalog.ForeignKey;
import io.strangler.core.catalog.TypeFamily;
import io.strangler.core.catalog.UniqueConstraint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a MariaDB or MySQL catalogue from information_schema, one query per kind of object. */
public final class MariaDbCatalogReader {

    private static final Logger LOGGER = LoggerFactory.getLogger(MariaDbCatalogReader.class);
    private static final Pattern FOREIGN_KEY_LINE = Pattern.compile(
            "CONSTRAINT `((?:[^`]|``)+)` FOREIGN KEY[^\\n]*?(?:ON DELETE (CASCADE|SET NULL|SET DEFAULT|NO ACTION|RESTRICT)|$)",
            Pattern.MULTILINE);

    private MariaDbCatalogReader() {
    }

    public static Catalog read(Connection connection, boolean mySql, List<String> schemas) throws SQLException {
        String in = String.join(", ", Collections.nCopies(schemas.size(), "?"));
        Map<String, TableBuilder> tables = new LinkedHashMap<>();
        query(connection, "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA IN (" + in
                + ") AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1, 2", schemas, rows -> tables.put(
                        key(rows.getString(1), rows.getString(2)), new TableBuilder(rows.getString(1), rows.getString(2))));
        readChecks(connection, mySql, in, schemas, tables);
        readColumns(connection, in, schemas, tables);
        readKeys(connection, in, schemas, tables);
        readForeignKeys(connection, in, schemas, tables);
        return new Catalog(Engine.MARIADB, schemas, tables.values().stream().map(TableBuilder::build).toList(), List.of());
    }

    private static void readChecks(Connection connection, boolean mySql, String in, List<String> schemas,
            Map<String, TableBuilder> tables) throws SQLException {
        // MySQL's CHECK_CONSTRAINTS has no TABLE_NAME; MariaDB's names are only unique per table, so it needs it.
        String sql = mySql
                ? "SELECT tc.TABLE_SCHEMA, tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE"
                        + " FROM information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.CHECK_CONSTRAINTS cc"
                        + " ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME"
                        + " WHERE tc.TABLE_SCHEMA IN (" + in + ") AND tc.CONSTRAINT_TYPE = 'CHECK' ORDER BY 1, 2, 3"
                : "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS"
                        + " WHERE CONSTRAINT_SCHEMA IN (" + in + ") ORDER BY 1, 2, 3";
        query(connection, sql, schemas, rows -> {
            TableBuilder table = tables.get(key(rows.getString(1), rows.getString(2)));
            if (table != null) {
                table.checkConstraints.add(new CheckConstraint(rows.getString(3), rows.getString(4)));
            }
        });
    }

    private static void readColumns(Connection connection, String in, List<String> schemas,
            Map<String, TableBuilder> tables) throws SQLException {
        String sql = "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_DEFAULT, IS_NULLABLE,"
                + " DATA_TYPE, COLUMN_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, EXTRA"
                + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN (" + in + ") ORDER BY 1, 2, 4";
        query(connection, sql, schemas, rows -> {
            TableBuilder table = tables.get(key(rows.getString(1), rows.getString(2)));
            if (table == null) {
                return;
            }
            String name = rows.getString("COLUMN_NAME");
            String dataType = rows.getString("DATA_TYPE").toLowerCase(Locale.ROOT);
            String columnType = rows.getString("COLUMN_TYPE");
            boolean json = dataType.equals("longtext") && table.checkConstraints.stream()
                    .anyMatch(check -> check.expression().replace(" ", "").equalsIgnoreCase("json_valid(`" + name + "`)"));
            TypeFamily family = TypeClassifier.mariaDbFamily(dataType, columnType, json);
            String extra = rows.getString("EXTRA") == null ? "" : rows.getString("EXTRA").toLowerCase(Locale.ROOT);
            String defaultValue = rows.getString("COLUMN_DEFAULT");
            boolean decimal = family == TypeFamily.DECIMAL;
            table.columns.add(new Column(
                    name,
                    rows.getInt("ORDINAL_POSITION"),
                    json ? "json" : dataType,
                    columnType,
                    TypeClassifier.mariaDbJdbcType(dataType, family),
                    family,
                    "YES".equals(rows.getString("IS_NULLABLE")),
                    // BIT(n) has no character length: its width is NUMERIC_PRECISION, and it decides BOOLEAN vs BITS
                    dataType.equals("bit") ? boundedInt(rows, "NUMERIC_PRECISION") : boundedInt(rows, "CHARACTER_MAXIMUM_LENGTH"),
                    decimal ? boundedInt(rows, "NUMERIC_PRECISION") : null,
                    decimal ? boundedInt(rows, "NUMERIC_SCALE") : null,
                    // MariaDB reports "DEFAULT NULL" as the text NULL; MySQL reports no default as SQL NULL.
                    "NULL".equals(defaultValue) ? null : defaultValue,
                    extra.contains("auto_increment") || extra.contains("generated"),
                    family == TypeFamily.ENUM ? EnumLabels.parse(columnType) : List.of()));
        });
    }

    private static void readKeys(Connection connection, String in, List<String> schemas,
            Map<String, TableBuilder> tables) throws SQLException {
        String sql = "SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA IN (" + in + ") AND NON_UNIQUE = 0 ORDER BY 1, 2, 3, SEQ_IN_INDEX";
        Map<String, List<String>> indexes = new LinkedHashMap<>();
        query(connection, sql, schemas, rows -> indexes.computeIfAbsent(
                key(rows.getString(1), rows.getString(2)) + '\u0000' + rows.getString(3), ignored -> new ArrayList<>())
                .add(rows.getString(4)));
        indexes.forEach((indexKey, columns) -> {
            String[] parts = indexKey.split("\u0000", 3);
            TableBuilder table = tables.get(key(parts[0], parts[1]));
            if (table == null) {
                return;
            }
            if (parts[2].equals("PRIMARY")) {
                table.primaryKey.addAll(columns);
            }
            else {
                table.uniqueConstraints.add(new UniqueConstraint(parts[2], columns));
            }
        });
    }

    private static void readForeignKeys(Connection connection, String in, List<String> schemas,
            Map<String, TableBuilder> tables) throws SQLException {
        String sql = "SELECT k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA,"
                + " k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.DELETE_RULE"
                + " FROM information_schema.KEY_COLUMN_USAGE k LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS r"
                + " ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME"
                + " AND r.TABLE_NAME = k.TABLE_NAME"
                + " WHERE k.TABLE_SCHEMA IN (" + in + ") AND k.REFERENCED_TABLE_NAME IS NOT NULL"
                + " ORDER BY 1, 2, 3, k.ORDINAL_POSITION";
        Map<String, List<String[]>> keys = new LinkedHashMap<>();
        query(connection, sql, schemas, rows -> keys.computeIfAbsent(
                key(rows.getString(1), rows.getString(2)) + '\u0000' + rows.getString(3), ignored -> new ArrayList<>())
                .add(new String[] {rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                        rows.getString(8)}));
        Map<String, Map<String, String>> deleteRulesByTable = new HashMap<>();
        for (Map.Entry<String, List<String[]>> entry : keys.entrySet()) {
            String[] names = entry.getKey().split("\u0000", 3);
            TableBuilder table = tables.get(key(names[0], names[1]));
            if (table == null) {
                continue;
            }
            String[] first = entry.getValue().get(0);
            String deleteRule = first[4];
            if (deleteRule == null) {
                deleteRule = deleteRulesByTable.computeIfAbsent(key(names[0], names[1]),
                        ignored -> showCreateDeleteRules(connection, names[0], names[1])).getOrDefault(names[2], "RESTRICT");
            }
            table.foreignKeys.add(new ForeignKey(names[2], entry.getValue().stream().map(part -> part[0]).toList(), first[1],
                    first[2], entry.getValue().stream().map(part -> part[3]).toList(), deleteRule.toUpperCase(Locale.ROOT)));
        }
    }

    /**
     * Some MariaDB servers (seen with 11.4.5) return no rows from REFERENTIAL_CONSTRAINTS and TABLE_CONSTRAINTS
     * while KEY_COLUMN_USAGE is complete; the delete rules are then read from SHOW CREATE TABLE, which omits
     * the default rule, RESTRICT.
     */
    private static Map<String, String> showCreateDeleteRules(Connection connection, String schema, String table) {
        Map<String, String> rules = new HashMap<>();
        String sql = "SHOW CREATE TABLE `" + schema.replace("`", "``") + "`.`" + table.replace("`", "``") + "`";
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            if (rows.next()) {
                Matcher matcher = FOREIGN_KEY_LINE.matcher(rows.getString(2));
                while (matcher.find()) {
                    rules.put(matcher.group(1).replace("``", "`"), matcher.group(2) == null ? "RESTRICT" : matcher.group(2));
                }
            }
        }
        catch (SQLException e) {
            LOGGER.warn("Cannot read the foreign keys' delete rules of {}.{}: {}", schema, table, e.getMessage());
        }
        return rules;
    }

    private static Integer boundedInt(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        // longtext and longblob report 4 GiB: treat anything beyond int as unbounded.
        return rows.wasNull() || value > Integer.MAX_VALUE ? null : (int) value;
    }

    private interface RowHandler {
        void handle(ResultSet rows) throws SQLException;
    }

    private static void query(Connection connection, String sql, List<String> schemas, RowHandler handler)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < schemas.size(); i++) {
                statement.setString(i + 1, schemas.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    handler.handle(rows);
                }
            }
        }
    }

    private static String key(String schema, String table) {
        return schema + '\u0000' + table;
    }
}

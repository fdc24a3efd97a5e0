package io.strangler.core.catalog.internal;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.CheckConstraint;
import io.strangler.core.catalog.Column;
import io.strangler.core.row.Engine;
import io.strangler.core.catalog.EnumType;
import io.strangler.core.catalog.ForeignKey;
import io.strangler.core.catalog.TypeFamily;
import io.strangler.core.catalog.UniqueConstraint;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a PostgreSQL catalogue from pg_catalog with one query per kind of object, for all tables at once. */
public final class PostgresCatalogReader {

    private static final String TABLES = """
            SELECT n.nspname, c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
            ORDER BY 1, 2""";

    // Domains are classified by their base type; enum labels come from the ENUMS query.
    private static final String COLUMNS = """
            SELECT n.nspname, c.relname, a.attname, a.attnum,
                   format_type(a.atttypid, a.atttypmod) AS column_type,
                   CASE WHEN t.typtype = 'd' THEN bt.typname ELSE t.typname END AS type_name,
                   CASE WHEN t.typtype = 'd' THEN bt.typtype ELSE t.typtype END AS type_kind,
                   CASE WHEN t.typtype = 'd' THEN bt.oid ELSE t.oid END AS type_oid,
                   CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END AS type_mod,
                   NOT (a.attnotnull OR (t.typtype = 'd' AND t.typnotnull)) AS nullable,
                   pg_get_expr(d.adbin, d.adrelid) AS default_expr,
                   (a.attidentity <> '' OR a.attgenerated <> '') AS auto_generated
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY 1, 2, a.attnum""";

    private static final String CONSTRAINTS = """
            SELECT n.nspname, c.relname, con.conname, con.contype,
                   ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                         ORDER BY k.ord)::text[] AS columns,
                   fn.nspname AS ref_schema, fc.relname AS ref_table,
                   ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                         ORDER BY k.ord)::text[] AS ref_columns,
                   con.confdeltype,
                   CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid) END AS check_expr
            FROM pg_constraint con
            JOIN pg_class c ON c.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class fc ON fc.oid = con.confrelid
            LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
            WHERE n.nspname = ANY (?) AND con.contype IN ('p', 'u', 'f', 'c')
            ORDER BY 1, 2, 3""";

    // Unique indexes that back no constraint still make a key unique; partial and expression indexes do not.
    private static final String UNIQUE_INDEXES = """
            SELECT n.nspname, t.relname, i.relname,
                   ARRAY(SELECT a.attname FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
                         WHERE k.ord <= ix.indnkeyatts ORDER BY k.ord)::text[] AS columns
            FROM pg_index ix
            JOIN pg_class i ON i.oid = ix.indexrelid
            JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = ANY (?) AND ix.indisunique AND NOT ix.indisprimary AND ix.indpred IS NULL
              AND NOT (0 = ANY (ix.indkey::int2[]))
              AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = ix.indexrelid)
            ORDER BY 1, 2, 3""";

    private static final String ENUMS = """
            SELECT t.oid, n.nspname, t.typname, e.enumlabel
            FROM pg_type t
            JOIN pg_enum e ON e.enumtypid = t.oid
            JOIN pg_namespace n ON n.oid = t.typnamespace
            ORDER BY n.nspname, t.typname, e.enumsortorder""";

    private PostgresCatalogReader() {
    }

    public static Catalog read(Connection connection, List<String> schemas) throws SQLException {
        Array schemaArray = connection.createArrayOf("text", schemas.toArray());
        Map<Long, EnumType> enums = readEnums(connection);
        Map<String, TableBuilder> tables = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(TABLES)) {
            statement.setArray(1, schemaArray);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tables.put(key(rows.getString(1), rows.getString(2)), new TableBuilder(rows.getString(1), rows.getString(2)));
                }
            }
        }
        readColumns(connection, schemaArray, tables, enums);
        readConstraints(connection, schemaArray, tables);
        readUniqueIndexes(connection, schemaArray, tables);
        List<EnumType> schemaEnums = enums.values().stream().filter(type -> schemas.contains(type.schema())).toList();
        return new Catalog(Engine.POSTGRESQL, schemas, tables.values().stream().map(TableBuilder::build).toList(),
                schemaEnums);
    }

    private static Map<Long, EnumType> readEnums(Connection connection) throws SQLException {
        Map<Long, String[]> names = new LinkedHashMap<>();
        Map<Long, List<String>> labels = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(ENUMS); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                long oid = rows.getLong(1);
                names.putIfAbsent(oid, new String[] {rows.getString(2), rows.getString(3)});
                labels.computeIfAbsent(oid, ignored -> new ArrayList<>()).add(rows.getString(4));
            }
        }
        Map<Long, EnumType> enums = new LinkedHashMap<>();
        names.forEach((oid, name) -> enums.put(oid, new EnumType(name[0], name[1], labels.get(oid))));
        return enums;
    }

    private static void readColumns(Connection connection, Array schemas, Map<String, TableBuilder> tables,
            Map<Long, EnumType> enums) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setArray(1, schemas);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    TableBuilder table = tables.get(key(rows.getString(1), rows.getString(2)));
                    if (table == null) {
                        continue;
                    }
                    String typeName = rows.getString("type_name");
                    String kind = rows.getString("type_kind");
                    int typeMod = rows.getInt("type_mod");
                    // bit(1) reads as a Boolean canonically (as MariaDB's BIT(1) does), so it pairs with booleans
                    TypeFamily family = "bit".equals(typeName) && typeMod == 1 ? TypeFamily.BOOLEAN
                            : TypeClassifier.postgresFamily(typeName, kind);
                    EnumType enumType = enums.get(rows.getLong("type_oid"));
                    table.columns.add(new Column(
                            rows.getString("attname"),
                            rows.getInt("attnum"),
                            typeName,
                            rows.getString("column_type"),
                            TypeClassifier.postgresJdbcType(typeName, kind),
                            family,
                            rows.getBoolean("nullable"),
                            length(typeName, typeMod),
                            family == TypeFamily.DECIMAL && typeMod >= 4 ? ((typeMod - 4) >> 16) & 0xffff : null,
                            family == TypeFamily.DECIMAL && typeMod >= 4 ? (typeMod - 4) & 0xffff : null,
                            rows.getString("default_expr"),
                            rows.getBoolean("auto_generated"),
                            enumType == null ? List.of() : enumType.labels()));
                }
            }
        }
    }

    private static Integer length(String typeName, int typeMod) {
        return switch (typeName) {
            case "varchar", "bpchar" -> typeMod >= 4 ? typeMod - 4 : null;
            case "bit", "varbit" -> typeMod >= 0 ? typeMod : null;
            default -> null;
        };
    }

    private static void readConstraints(Connection connection, Array schemas, Map<String, TableBuilder> tables)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(CONSTRAINTS)) {
            statement.setArray(1, schemas);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    TableBuilder table = tables.get(key(rows.getString(1), rows.getString(2)));
                    if (table == null) {
                        continue;
                    }
                    String name = rows.getString("conname");
                    List<String> columns = strings(rows.getArray("columns"));
                    switch (rows.getString("contype")) {
                        case "p" -> table.primaryKey.addAll(columns);
                        case "u" -> table.uniqueConstraints.add(new UniqueConstraint(name, columns));
                        case "f" -> table.foreignKeys.add(new ForeignKey(name, columns, rows.getString("ref_schema"),
                                rows.getString("ref_table"), strings(rows.getArray("ref_columns")),
                                referentialAction(rows.getString("confdeltype"))));
                        default -> table.checkConstraints.add(new CheckConstraint(name, rows.getString("check_expr")));
                    }
                }
            }
        }
    }

    private static void readUniqueIndexes(Connection connection, Array schemas, Map<String, TableBuilder> tables)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(UNIQUE_INDEXES)) {
            statement.setArray(1, schemas);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    TableBuilder table = tables.get(key(rows.getString(1), rows.getString(2)));
                    if (table != null) {
                        table.uniqueConstraints.add(new UniqueConstraint(rows.getString(3), strings(rows.getArray(4))));
                    }
                }
            }
        }
    }

    private static String referentialAction(String code) {
        return switch (code) {
            case "r" -> "RESTRICT";
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            default -> "NO ACTION";
        };
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static String key(String schema, String table) {
        return schema + '\u0000' + table;
    }
}

package io.strangler.core.row.internal;

import io.strangler.core.row.CanonicalValueException;
import io.strangler.core.row.ColumnType;
import io.strangler.core.row.Engine;
import io.strangler.core.row.ValueKind;
import java.sql.Types;
import java.util.Locale;

/** Maps a {@link ColumnType} (engine, type name, JDBC code, length) to its {@link ValueKind}. */
public final class TypeClassifier {

    private TypeClassifier() {
    }

    public static ValueKind classify(ColumnType type) {
        String name = baseName(type.typeName());
        ValueKind byName = type.engine() == Engine.POSTGRESQL ? postgres(name, type) : mariadb(name, type);
        if (byName != null) {
            return byName;
        }
        ValueKind byCode = byJdbcType(type);
        if (byCode != null) {
            return byCode;
        }
        throw new CanonicalValueException("unsupported column type " + type + " (jdbcType " + type.jdbcType() + ")");
    }

    /** Lower case, without {@code unsigned}/{@code zerofill}, a {@code (n)} suffix or PostgreSQL quoting. */
    static String baseName(String typeName) {
        String name = typeName.toLowerCase(Locale.ROOT).replace("\"", "").trim();
        int paren = name.indexOf('(');
        if (paren >= 0) {
            int close = name.indexOf(')', paren);
            name = (name.substring(0, paren) + (close >= 0 ? name.substring(close + 1) : "")).trim();
        }
        name = name.replace(" unsigned", "").replace(" zerofill", "").trim();
        return name;
    }

    private static ValueKind common(String name) {
        return switch (name) {
            case "boolean", "bool" -> ValueKind.BOOLEAN;
            case "smallint", "integer", "int", "bigint", "long" -> ValueKind.INTEGER;
            case "decimal", "numeric", "dec", "fixed" -> ValueKind.DECIMAL;
            case "double", "double precision", "float8", "float64" -> ValueKind.FLOAT64;
            case "float4", "float32" -> ValueKind.FLOAT32;
            case "varchar", "character varying", "text", "string", "nvarchar" -> ValueKind.STRING;
            case "char", "character", "bpchar", "nchar" -> ValueKind.FIXED_CHAR;
            case "enum" -> ValueKind.ENUM;
            case "set" -> ValueKind.SET;
            case "date" -> ValueKind.DATE;
            case "uuid" -> ValueKind.UUID;
            case "json", "jsonb" -> ValueKind.JSON;
            case "binary", "varbinary", "bytea", "blob", "tinyblob", "mediumblob", "longblob", "bytes" -> ValueKind.BINARY;
            default -> null;
        };
    }

    private static ValueKind postgres(String name, ColumnType type) {
        return switch (name) {
            case "int2", "int4", "int8", "serial", "bigserial", "smallserial", "serial2", "serial4", "serial8", "oid" ->
                    ValueKind.INTEGER;
            case "real" -> ValueKind.FLOAT32;
            case "float" -> type.precision() > 0 && type.precision() <= 24 ? ValueKind.FLOAT32 : ValueKind.FLOAT64;
            case "bit" -> type.length() <= 1 ? ValueKind.BOOLEAN : ValueKind.BITS;
            case "varbit", "bit varying" -> ValueKind.BITS;
            case "name", "citext" -> ValueKind.STRING;
            case "time", "time without time zone", "timetz", "time with time zone" -> ValueKind.TIME;
            case "timestamp", "timestamp without time zone" -> ValueKind.TIMESTAMP;
            case "timestamptz", "timestamp with time zone" -> ValueKind.TIMESTAMPTZ;
            default -> common(name);
        };
    }

    private static ValueKind mariadb(String name, ColumnType type) {
        return switch (name) {
            // MariaDB's driver reports TINYINT(1) as BIT/BOOLEAN unless tinyInt1isBit=false
            case "tinyint" -> type.length() == 1 || type.jdbcType() == Types.BIT || type.jdbcType() == Types.BOOLEAN
                    ? ValueKind.BOOLEAN : ValueKind.INTEGER;
            case "mediumint", "year", "int1", "int2", "int3", "int4", "int8", "integer unsigned" -> ValueKind.INTEGER;
            case "float" -> ValueKind.FLOAT32;
            case "real" -> ValueKind.FLOAT64;
            case "bit" -> type.length() <= 1 ? ValueKind.BOOLEAN : ValueKind.BITS;
            case "tinytext", "mediumtext", "longtext" -> ValueKind.STRING;
            case "time" -> ValueKind.TIME;
            case "datetime" -> ValueKind.TIMESTAMP;
            case "timestamp" -> ValueKind.TIMESTAMPTZ;
            default -> common(name);
        };
    }

    private static ValueKind byJdbcType(ColumnType type) {
        return switch (type.jdbcType()) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> ValueKind.INTEGER;
            case Types.DECIMAL, Types.NUMERIC -> ValueKind.DECIMAL;
            case Types.REAL -> ValueKind.FLOAT32;
            case Types.FLOAT, Types.DOUBLE -> ValueKind.FLOAT64;
            case Types.BOOLEAN -> ValueKind.BOOLEAN;
            case Types.BIT -> type.length() <= 1 ? ValueKind.BOOLEAN : ValueKind.BITS;
            case Types.CHAR, Types.NCHAR -> ValueKind.FIXED_CHAR;
            case Types.VARCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB ->
                    ValueKind.STRING;
            case Types.DATE -> ValueKind.DATE;
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> ValueKind.TIME;
            case Types.TIMESTAMP -> ValueKind.TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> ValueKind.TIMESTAMPTZ;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> ValueKind.BINARY;
            default -> null;
        };
    }
}

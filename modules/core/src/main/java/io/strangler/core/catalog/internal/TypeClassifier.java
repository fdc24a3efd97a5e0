package io.strangler.core.catalog.internal;

import io.strangler.core.catalog.TypeFamily;
import java.sql.Types;
import java.util.Locale;

/** Maps engine type names to {@link TypeFamily} and {@link Types} codes. */
public final class TypeClassifier {

    private TypeClassifier() {
    }

    /** {@code typeName} is pg_type.typname of the (domain's base) type; {@code kind} is pg_type.typtype. */
    public static TypeFamily postgresFamily(String typeName, String kind) {
        if ("e".equals(kind)) {
            return TypeFamily.ENUM;
        }
        return switch (typeName) {
            case "int2", "int4", "int8" -> TypeFamily.INTEGER;
            case "numeric" -> TypeFamily.DECIMAL;
            case "float4", "float8" -> TypeFamily.FLOAT;
            case "bool" -> TypeFamily.BOOLEAN;
            case "varchar", "bpchar", "text", "name", "citext" -> TypeFamily.STRING;
            case "date" -> TypeFamily.DATE;
            case "time", "timetz" -> TypeFamily.TIME;
            case "timestamp" -> TypeFamily.TIMESTAMP;
            case "timestamptz" -> TypeFamily.TIMESTAMPTZ;
            case "uuid" -> TypeFamily.UUID;
            case "json", "jsonb" -> TypeFamily.JSON;
            case "bytea" -> TypeFamily.BYTES;
            default -> TypeFamily.OTHER;
        };
    }

    public static int postgresJdbcType(String typeName, String kind) {
        if ("e".equals(kind)) {
            return Types.VARCHAR;
        }
        if (typeName.startsWith("_")) {
            return Types.ARRAY;
        }
        return switch (typeName) {
            case "int2" -> Types.SMALLINT;
            case "int4" -> Types.INTEGER;
            case "int8" -> Types.BIGINT;
            case "numeric" -> Types.NUMERIC;
            case "float4" -> Types.REAL;
            case "float8" -> Types.DOUBLE;
            case "bool" -> Types.BOOLEAN;
            case "bpchar" -> Types.CHAR;
            case "varchar", "text", "name", "citext" -> Types.VARCHAR;
            case "date" -> Types.DATE;
            case "time" -> Types.TIME;
            case "timetz" -> Types.TIME_WITH_TIMEZONE;
            case "timestamp" -> Types.TIMESTAMP;
            case "timestamptz" -> Types.TIMESTAMP_WITH_TIMEZONE;
            case "bytea" -> Types.BINARY;
            case "bit", "varbit" -> Types.BIT;
            default -> Types.OTHER;
        };
    }

    /**
     * {@code dataType} is information_schema DATA_TYPE, {@code columnType} is COLUMN_TYPE; {@code json} tells
     * whether MariaDB guards the column with its automatic {@code json_valid} check.
     */
    public static TypeFamily mariaDbFamily(String dataType, String columnType, boolean json) {
        String type = dataType.toLowerCase(Locale.ROOT);
        String full = columnType.toLowerCase(Locale.ROOT);
        if (json || type.equals("json")) {
            return TypeFamily.JSON;
        }
        return switch (type) {
            case "tinyint" -> full.startsWith("tinyint(1)") ? TypeFamily.BOOLEAN : TypeFamily.INTEGER;
            case "bool", "boolean" -> TypeFamily.BOOLEAN;
            case "bit" -> full.equals("bit(1)") ? TypeFamily.BOOLEAN : TypeFamily.OTHER;
            case "smallint", "mediumint", "int", "integer", "bigint", "year" -> TypeFamily.INTEGER;
            case "decimal", "numeric" -> TypeFamily.DECIMAL;
            case "float", "double", "real" -> TypeFamily.FLOAT;
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext" -> TypeFamily.STRING;
            case "date" -> TypeFamily.DATE;
            case "time" -> TypeFamily.TIME;
            case "datetime" -> TypeFamily.TIMESTAMP;
            case "timestamp" -> TypeFamily.TIMESTAMPTZ;
            case "uuid" -> TypeFamily.UUID;
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> TypeFamily.BYTES;
            case "enum" -> TypeFamily.ENUM;
            default -> TypeFamily.OTHER;
        };
    }

    public static int mariaDbJdbcType(String dataType, TypeFamily family) {
        if (family == TypeFamily.BOOLEAN) {
            return Types.BOOLEAN;
        }
        return switch (dataType.toLowerCase(Locale.ROOT)) {
            case "tinyint" -> Types.TINYINT;
            case "smallint", "year" -> Types.SMALLINT;
            case "mediumint", "int", "integer" -> Types.INTEGER;
            case "bigint" -> Types.BIGINT;
            case "decimal", "numeric" -> Types.DECIMAL;
            case "float" -> Types.REAL;
            case "double", "real" -> Types.DOUBLE;
            case "char" -> Types.CHAR;
            case "varchar", "tinytext", "text", "enum", "set" -> Types.VARCHAR;
            case "mediumtext", "longtext", "json" -> Types.LONGVARCHAR;
            case "date" -> Types.DATE;
            case "time" -> Types.TIME;
            case "datetime", "timestamp" -> Types.TIMESTAMP;
            case "binary" -> Types.BINARY;
            case "varbinary" -> Types.VARBINARY;
            case "tinyblob", "blob", "mediumblob", "longblob" -> Types.LONGVARBINARY;
            case "bit" -> Types.BIT;
            default -> Types.OTHER;
        };
    }
}

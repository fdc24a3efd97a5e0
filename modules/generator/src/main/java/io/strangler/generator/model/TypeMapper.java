package io.strangler.generator.model;

import io.strangler.core.catalog.Column;
import java.sql.Types;
import java.util.Locale;

/** Maps a catalogue column to its {@link FieldType}; see that class for the choices. */
public final class TypeMapper {

    private TypeMapper() {
    }

    public static FieldType map(Column column) {
        return switch (column.family()) {
            case INTEGER -> integer(column);
            case DECIMAL -> FieldType.DECIMAL;
            case FLOAT -> column.jdbcType() == Types.REAL || column.typeName().equals("float4")
                    || column.typeName().equals("float") ? FieldType.FLOAT32 : FieldType.FLOAT64;
            case BOOLEAN -> FieldType.BOOLEAN;
            case STRING -> FieldType.STRING;
            case DATE -> FieldType.DATE;
            case TIME -> FieldType.TIME;
            case TIMESTAMP -> FieldType.TIMESTAMP;
            case TIMESTAMPTZ -> FieldType.TIMESTAMPTZ;
            case UUID -> FieldType.UUID;
            case JSON -> FieldType.JSON;
            case BYTES -> FieldType.BYTES;
            case ENUM -> FieldType.ENUM;
            case OTHER -> FieldType.OTHER;
        };
    }

    /** The range of a column narrower than the Java type that holds it; null when the Java type is the limit. */
    public static long[] range(Column column, FieldType type) {
        boolean unsigned = column.columnType().toLowerCase(Locale.ROOT).contains("unsigned");
        return switch (column.jdbcType()) {
            case Types.TINYINT -> unsigned ? new long[] {0, 255} : new long[] {-128, 127};
            case Types.SMALLINT -> unsigned ? new long[] {0, 65535} : new long[] {-32768, 32767};
            case Types.INTEGER -> unsigned ? null : new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            default -> type == FieldType.INT16 || type == FieldType.INT32 ? new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE} : null;
        };
    }

    private static FieldType integer(Column column) {
        boolean unsigned = column.columnType().toLowerCase(Locale.ROOT).contains("unsigned");
        return switch (column.jdbcType()) {
            case Types.TINYINT, Types.SMALLINT -> FieldType.INT16;
            case Types.INTEGER -> unsigned ? FieldType.INT64 : FieldType.INT32;
            case Types.BIGINT -> unsigned ? FieldType.DECIMAL : FieldType.INT64;
            default -> FieldType.INT64;
        };
    }
}

package io.strangler.core.row.internal;

import io.strangler.core.row.BinaryValue;
import io.strangler.core.row.CanonicalValueException;
import io.strangler.core.row.ColumnType;
import io.strangler.core.row.Engine;
import io.strangler.core.row.ValueKind;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Locale;

/** Reads one JDBC result column as a canonical value. */
public final class JdbcValueReader {

    private JdbcValueReader() {
    }

    public static Object read(ResultSet rs, int index, ColumnType type) throws SQLException {
        ValueKind kind = type.kind();
        try {
            return readKind(rs, index, type, kind);
        } catch (ArithmeticException | IllegalArgumentException e) {
            if (e instanceof CanonicalValueException) {
                throw e;
            }
            throw new CanonicalValueException("cannot read column '" + label(rs, index) + "' of type " + type
                    + " as " + kind + ": " + e.getMessage(), e);
        }
    }

    private static Object readKind(ResultSet rs, int index, ColumnType type, ValueKind kind) throws SQLException {
        return switch (kind) {
            case INTEGER -> readInteger(rs, index, type);
            case DECIMAL -> {
                BigDecimal v = rs.getBigDecimal(index);
                yield v == null ? null : Decimals.canonical(v, type.scale());
            }
            case FLOAT32 -> {
                float v = rs.getFloat(index);
                yield rs.wasNull() ? null : Values.floatToDouble(v);
            }
            case FLOAT64 -> {
                double v = rs.getDouble(index);
                yield rs.wasNull() ? null : Values.normalizeDouble(v);
            }
            case BOOLEAN -> {
                boolean v = rs.getBoolean(index);
                yield rs.wasNull() ? null : v;
            }
            case STRING, ENUM, SET -> rs.getString(index);
            case FIXED_CHAR -> {
                String v = rs.getString(index);
                yield v == null ? null : Values.stripTrailingSpaces(v);
            }
            case UUID -> {
                String v = rs.getString(index);
                yield v == null ? null : v.toLowerCase(Locale.ROOT);
            }
            case JSON -> {
                String v = rs.getString(index);
                yield v == null ? null : JsonNormalizer.normalize(v);
            }
            case DATE -> {
                LocalDate v = rs.getObject(index, LocalDate.class);
                yield v == null ? null : v.toEpochDay();
            }
            case TIME -> {
                String v = rs.getString(index);
                yield v == null ? null : Temporals.parseTimeMicros(v);
            }
            case TIMESTAMP -> {
                LocalDateTime v = rs.getObject(index, LocalDateTime.class);
                yield v == null ? null : Temporals.micros(v);
            }
            case TIMESTAMPTZ -> readTimestampTz(rs, index, type);
            case BINARY -> {
                byte[] v = rs.getBytes(index);
                yield v == null ? null : BinaryValue.of(v);
            }
            case BITS -> readBits(rs, index, type);
        };
    }

    private static Object readInteger(ResultSet rs, int index, ColumnType type) throws SQLException {
        if (type.typeName().toLowerCase(Locale.ROOT).contains("unsigned")) {
            // BIGINT UNSIGNED may exceed a long; fail loudly instead of wrapping around
            BigDecimal v = rs.getBigDecimal(index);
            return v == null ? null : v.longValueExact();
        }
        long v = rs.getLong(index);
        return rs.wasNull() ? null : v;
    }

    private static Object readTimestampTz(ResultSet rs, int index, ColumnType type) throws SQLException {
        if (type.engine() == Engine.POSTGRESQL) {
            OffsetDateTime v = rs.getObject(index, OffsetDateTime.class);
            return v == null ? null : Temporals.micros(v.toInstant());
        }
        // MariaDB TIMESTAMP is stored in UTC and shown in the session time zone, which
        // CanonicalValue.prepareSession sets to UTC, so the wall clock is the UTC instant
        LocalDateTime v = rs.getObject(index, LocalDateTime.class);
        return v == null ? null : Temporals.micros(v);
    }

    private static Object readBits(ResultSet rs, int index, ColumnType type) throws SQLException {
        if (type.engine() == Engine.POSTGRESQL) {
            return rs.getString(index);
        }
        byte[] v = rs.getBytes(index);
        return v == null ? null : Bits.fromBigEndian(v, type.length());
    }

    private static String label(ResultSet rs, int index) {
        try {
            return rs.getMetaData().getColumnLabel(index);
        } catch (SQLException e) {
            return "#" + index;
        }
    }
}

package io.strangler.apply.internal;

import io.strangler.core.row.BinaryValue;
import io.strangler.core.row.ColumnType;
import io.strangler.core.row.Engine;
import io.strangler.core.row.ValueKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Turns a canonical value back into a JDBC parameter for its target column: the inverse of core's
 * {@code CanonicalValue.fromJdbc}. Conversion happens before any statement runs, so a value that cannot be written
 * is rejected with a message naming the column instead of failing a whole batch.
 *
 * <p>PostgreSQL types without a Java counterpart in the driver (enum, json/jsonb, time, bit strings) are sent as
 * untyped text ({@link Types#OTHER}), which the server converts to the column's own type, so no cast to a type name
 * is needed in the SQL.
 */
public final class JdbcValueWriter {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    /** A converted value, ready to be set as parameter {@code index}. */
    @FunctionalInterface
    public interface Param {
        void bind(PreparedStatement statement, int index) throws SQLException;
    }

    private JdbcValueWriter() {
    }

    /** @throws ValueConversionException naming {@code column} when the value does not fit the column's kind */
    public static Param convert(String column, ColumnType type, Object canonical) {
        Engine engine = type.engine();
        if (canonical == null) {
            int nullType = engine == Engine.POSTGRESQL ? Types.OTHER : Types.NULL;
            return (ps, i) -> ps.setNull(i, nullType);
        }
        ValueKind kind;
        try {
            kind = type.kind();
        } catch (RuntimeException e) {
            throw new ValueConversionException("column '" + column + "': " + e.getMessage(), e);
        }
        try {
            if (engine == Engine.POSTGRESQL && kind == ValueKind.BOOLEAN && type.typeName().startsWith("bit")) {
                return text(true, ((Boolean) canonical) ? "1" : "0"); // bit(1) takes a bit string, not a boolean
            }
            return convert(engine, kind, canonical);
        } catch (ClassCastException | IllegalArgumentException | ArithmeticException
                 | java.time.DateTimeException e) {
            throw new ValueConversionException("column '" + column + "' of type " + type + " (" + kind
                    + ") cannot take " + describe(canonical) + ": " + e.getMessage(), e);
        }
    }

    private static Param convert(Engine engine, ValueKind kind, Object value) {
        boolean pg = engine == Engine.POSTGRESQL;
        return switch (kind) {
            case INTEGER -> {
                long v = asLong(value);
                yield (ps, i) -> ps.setLong(i, v);
            }
            case DECIMAL -> {
                BigDecimal v = value instanceof String s ? new BigDecimal(s)
                        : value instanceof Long l ? BigDecimal.valueOf(l) : BigDecimal.valueOf(asDouble(value));
                yield (ps, i) -> ps.setBigDecimal(i, v);
            }
            case FLOAT32, FLOAT64 -> {
                double v = asDouble(value);
                yield (ps, i) -> ps.setDouble(i, v);
            }
            case BOOLEAN -> {
                boolean v = (Boolean) value;
                yield (ps, i) -> ps.setBoolean(i, v);
            }
            case STRING, FIXED_CHAR, SET -> {
                String v = (String) value;
                yield (ps, i) -> ps.setString(i, v);
            }
            case ENUM, JSON -> text(pg, (String) value);
            case UUID -> {
                if (pg) {
                    UUID v = UUID.fromString((String) value);
                    yield (ps, i) -> ps.setObject(i, v);
                }
                String v = (String) value;
                yield (ps, i) -> ps.setString(i, v);
            }
            case DATE -> {
                LocalDate v = LocalDate.ofEpochDay(asLong(value));
                yield (ps, i) -> ps.setObject(i, v);
            }
            case TIME -> text(pg, formatTime(asLong(value)));
            case TIMESTAMP -> {
                LocalDateTime v = localDateTime(asLong(value));
                yield (ps, i) -> ps.setObject(i, v);
            }
            case TIMESTAMPTZ -> {
                LocalDateTime v = localDateTime(asLong(value));
                if (pg) {
                    java.time.OffsetDateTime utc = v.atOffset(ZoneOffset.UTC);
                    yield (ps, i) -> ps.setObject(i, utc);
                }
                // MariaDB TIMESTAMP: the session time zone is UTC (Dialect.prepareSession)
                yield (ps, i) -> ps.setObject(i, v);
            }
            case BINARY -> {
                byte[] v = ((BinaryValue) value).toByteArray();
                yield (ps, i) -> ps.setBytes(i, v);
            }
            case BITS -> bits(pg, (String) value);
        };
    }

    private static Param text(boolean pg, String value) {
        if (pg) {
            return (ps, i) -> ps.setObject(i, value, Types.OTHER);
        }
        return (ps, i) -> ps.setString(i, value);
    }

    private static Param bits(boolean pg, String value) {
        if (!value.chars().allMatch(c -> c == '0' || c == '1')) {
            throw new IllegalArgumentException("a bit string holds only '0' and '1'");
        }
        if (pg) {
            return text(true, value);
        }
        BigInteger v = value.isEmpty() ? BigInteger.ZERO : new BigInteger(value, 2);
        if (v.bitLength() < 64) {
            long asLong = v.longValue();
            return (ps, i) -> ps.setLong(i, asLong);
        }
        BigDecimal asDecimal = new BigDecimal(v);
        return (ps, i) -> ps.setBigDecimal(i, asDecimal);
    }

    private static LocalDateTime localDateTime(long micros) {
        long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
        int nanos = (int) Math.floorMod(micros, MICROS_PER_SECOND) * 1_000;
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    }

    /** {@code [-]HH:MM:SS.ffffff}: hours may pass 24 (PostgreSQL 24:00:00, MariaDB durations up to 838 h). */
    static String formatTime(long micros) {
        String sign = micros < 0 ? "-" : "";
        long abs = Math.abs(micros);
        long hours = abs / (3_600 * MICROS_PER_SECOND);
        long minutes = abs / (60 * MICROS_PER_SECOND) % 60;
        long seconds = abs / MICROS_PER_SECOND % 60;
        long fraction = abs % MICROS_PER_SECOND;
        return String.format(java.util.Locale.ROOT, "%s%02d:%02d:%02d.%06d", sign, hours, minutes, seconds, fraction);
    }

    private static long asLong(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        throw new IllegalArgumentException("expected an integer (Long), got " + describe(value));
    }

    private static double asDouble(Object value) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Long l) {
            return l;
        }
        throw new IllegalArgumentException("expected a number, got " + describe(value));
    }

    private static String describe(Object value) {
        String text = String.valueOf(value);
        return value.getClass().getSimpleName() + " " + (text.length() > 64 ? text.substring(0, 64) + "…" : text);
    }
}

package io.strangler.embedded.sample;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

/**
 * Converts generated Java values to the project's canonical values (null, Boolean, Long, Double, String,
 * byte[]): integers as Long, dates as days since epoch, times as micros of day, timestamps (with or without
 * zone) as UTC micros since epoch, decimals as plain strings at the column scale, UUIDs lower-case, JSON as
 * the compact sorted text the generator already writes, enums as labels.
 *
 * <pre>{@code
 * Object canonical = SampleValues.canonical(column, value); // e.g. BigDecimal 9.5 at scale 2 -> "9.50"
 * }</pre>
 */
public final class SampleValues {

    private SampleValues() {
    }

    /** The canonical form of a value the generator produced for {@code column}. */
    public static Object canonical(SampleColumn column, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return switch (column.type()) {
                case SMALLINT, INT, BIGINT -> ((Number) value).longValue();
                case DECIMAL -> ((BigDecimal) value).setScale(column.scale(), RoundingMode.UNNECESSARY).toPlainString();
                case REAL, DOUBLE -> {
                    double d = ((Number) value).doubleValue();
                    yield d == 0.0 ? 0.0 : d; // -0.0 becomes 0.0
                }
                case BOOLEAN -> (Boolean) value;
                case CHAR, VARCHAR, TEXT, JSON, ENUM -> (String) value;
                case DATE -> ((LocalDate) value).toEpochDay();
                case TIME -> ((LocalTime) value).toNanoOfDay() / 1000;
                case TIMESTAMP -> micros(((LocalDateTime) value).toInstant(ZoneOffset.UTC));
                case TIMESTAMPTZ -> micros((Instant) value);
                case UUID -> ((UUID) value).toString().toLowerCase(Locale.ROOT);
                case BYTES -> ((byte[]) value).clone();
            };
        } catch (ClassCastException | ArithmeticException e) {
            throw new IllegalArgumentException("column " + column.name() + " (" + column.type() + "): value "
                    + value + " of " + value.getClass().getName() + " has no canonical form", e);
        }
    }

    /** UTC micros since the epoch. */
    public static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}

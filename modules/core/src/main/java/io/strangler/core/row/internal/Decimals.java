package io.strangler.core.row.internal;

import io.strangler.core.row.ColumnType;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Decimal → canonical plain string. */
public final class Decimals {

    /** Beyond this many digits of exponent a plain string would explode; fall back to E notation. */
    private static final int MAX_PLAIN_SCALE = 4096;

    private Decimals() {
    }

    /**
     * {@code value} at {@code scale} ({@code 12.5} at 2 → {@code "12.50"}), or with trailing zeros removed when
     * the scale is {@link ColumnType#VARIABLE_SCALE} ({@code 12.50} → {@code "12.5"}, zero → {@code "0"}).
     *
     * @throws ArithmeticException when the value has more fractional digits than the scale allows
     */
    public static String canonical(BigDecimal value, int scale) {
        if (scale == ColumnType.VARIABLE_SCALE) {
            return stripped(value);
        }
        return value.setScale(scale, RoundingMode.UNNECESSARY).toPlainString();
    }

    public static String stripped(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal s = value.stripTrailingZeros();
        return Math.abs(s.scale()) > MAX_PLAIN_SCALE ? s.toString() : s.toPlainString();
    }
}

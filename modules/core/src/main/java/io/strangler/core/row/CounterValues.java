package io.strangler.core.row;

import java.math.BigDecimal;

/**
 * Arithmetic on the canonical values of counter columns (mappings' {@code counters}): a {@link Long} for an integer
 * column, a plain decimal {@link String} for a decimal one. NULL counts as zero, so a delta can be taken of a counter
 * that was NULL and added to one that is. Sums of longs that overflow become decimals rather than wrap.
 */
public final class CounterValues {

    private CounterValues() {
    }

    /** {@code a + b}. */
    public static Object add(Object a, Object b) {
        if (a == null) {
            return require(b);
        }
        if (b == null) {
            return require(a);
        }
        if (a instanceof Long x && b instanceof Long y) {
            try {
                return Math.addExact(x, y);
            } catch (ArithmeticException overflow) {
                return BigDecimal.valueOf(x).add(BigDecimal.valueOf(y)).toPlainString();
            }
        }
        return decimal(a).add(decimal(b)).toPlainString();
    }

    /** {@code after - before}: what a change added to a counter. */
    public static Object subtract(Object after, Object before) {
        if (before == null) {
            return after == null ? 0L : require(after);
        }
        return add(after, negate(before));
    }

    public static Object negate(Object value) {
        if (value instanceof Long x && x != Long.MIN_VALUE) {
            return -x;
        }
        return decimal(value).negate().toPlainString();
    }

    /** Whether a delta changes nothing; null is zero. */
    public static boolean isZero(Object value) {
        return value == null || (value instanceof Long x ? x == 0L : decimal(value).signum() == 0);
    }

    private static Object require(Object value) {
        decimal(value);
        return value;
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof Long x) {
            return BigDecimal.valueOf(x);
        }
        if (value instanceof String text) {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new CanonicalValueException("counter value '" + text + "' is not a number");
            }
        }
        throw new CanonicalValueException("counter value " + value + " ("
                + (value == null ? "null" : value.getClass().getSimpleName()) + ") is not a number");
    }
}

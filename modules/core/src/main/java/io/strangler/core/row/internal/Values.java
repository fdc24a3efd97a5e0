package io.strangler.core.row.internal;

import io.strangler.core.row.BinaryValue;
import io.strangler.core.row.CanonicalValueException;
import io.strangler.core.row.UnavailableValue;
import java.nio.ByteBuffer;

/** Small normalisations shared by the JDBC and Connect paths. */
public final class Values {

    private Values() {
    }

    /** A float's shortest decimal as a double, so {@code 1.1f} becomes {@code 1.1}, not {@code 1.100000023841858}. */
    public static Double floatToDouble(float value) {
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            return (double) value;
        }
        return normalizeDouble(Double.parseDouble(Float.toString(value)));
    }

    public static Double normalizeDouble(double value) {
        return value == 0.0d ? 0.0d : value;
    }

    /** Removes trailing U+0020 only: CHAR(n) pads with spaces, and other whitespace is data. */
    public static String stripTrailingSpaces(String value) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == ' ') {
            end--;
        }
        return end == value.length() ? value : value.substring(0, end);
    }

    /**
     * Checks that {@code value} is canonical and returns its canonical instance: {@code byte[]} and
     * {@link ByteBuffer} become {@link BinaryValue}, {@code -0.0} becomes {@code 0.0}.
     */
    public static Object requireCanonical(String column, Object value) {
        if (value == null || value instanceof Boolean || value instanceof Long || value instanceof String
                || value instanceof BinaryValue) {
            return value;
        }
        if (value instanceof Double d) {
            return normalizeDouble(d);
        }
        if (value instanceof byte[] bytes) {
            return BinaryValue.of(bytes);
        }
        if (value instanceof ByteBuffer buffer) {
            return BinaryValue.of(buffer);
        }
        if (value instanceof UnavailableValue) {
            throw new CanonicalValueException("column '" + column + "' holds Debezium's unavailable-value placeholder;"
                    + " fill it from an earlier image before building a row");
        }
        throw new CanonicalValueException("column '" + column + "' holds a " + value.getClass().getName()
                + ", which is not a canonical value (null, Boolean, Long, Double, String or BinaryValue)");
    }
}

package io.strangler.validator.internal;

import io.strangler.core.row.BinaryValue;
import io.strangler.core.row.ValueKind;
import java.math.BigDecimal;
import java.util.List;

/**
 * Compares canonical key values in the order the databases return them with {@link Sql#orderTerm}: numbers
 * numerically, decimals (canonical strings) as numbers, text by Unicode code point (= UTF-8 byte order), bytes
 * unsigned.
 */
public final class KeyOrder {

    private final List<ValueKind> kinds;

    public KeyOrder(List<ValueKind> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    /** Compares two keys given as value arrays in key order. */
    public int compare(Object[] left, Object[] right) {
        for (int i = 0; i < kinds.size(); i++) {
            int c = compareValue(kinds.get(i), left[i], right[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    static int compareValue(ValueKind kind, Object left, Object right) {
        if (left instanceof Long a && right instanceof Long b) {
            return Long.compare(a, b);
        }
        if (left instanceof String a && right instanceof String b) {
            return kind == ValueKind.DECIMAL ? new BigDecimal(a).compareTo(new BigDecimal(b)) : compareCodePoints(a, b);
        }
        if (left instanceof Double a && right instanceof Double b) {
            return Double.compare(a, b);
        }
        if (left instanceof Boolean a && right instanceof Boolean b) {
            return Boolean.compare(a, b);
        }
        if (left instanceof BinaryValue a && right instanceof BinaryValue b) {
            return a.compareTo(b);
        }
        throw new IllegalStateException("cannot compare key values " + describe(left) + " and " + describe(right));
    }

    /** Code point order, which is UTF-8 byte order (String.compareTo is UTF-16 order and differs above U+FFFF). */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}

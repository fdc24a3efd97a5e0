package io.strangler.core.row;

import io.strangler.core.row.internal.KeyJson;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The logical key of a row: key columns → non-null canonical values, in primary-key order. Its
 * {@link #encode() encoding} is the String key of every row topic.
 *
 * <p>Encoding: compact JSON object, key columns in primary-key order; Long as a JSON integer, Double as a
 * JSON number with a fraction or exponent, Boolean, String as a JSON string, bytes as
 * {@code {"$bytes":"<base64>"}}. Example: {@code {"order_id":7,"line":2}}. {@link #decode} reverses it.
 *
 * <pre>{@code
 * CanonicalKey key = CanonicalKey.of(row, List.of("order_id", "line"));
 * String topicKey = key.encode();                      // {"order_id":7,"line":2}
 * CanonicalKey same = CanonicalKey.decode(topicKey);   // equal to key
 * }</pre>
 */
public final class CanonicalKey {

    private final Map<String, Object> values;

    private CanonicalKey(LinkedHashMap<String, Object> owned) {
        if (owned.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one column");
        }
        this.values = Collections.unmodifiableMap(owned);
    }

    /**
     * @throws IllegalArgumentException naming the column when a value is null or not canonical, or a Double
     *                                  is not finite (JSON has no NaN)
     */
    public static CanonicalKey of(Map<String, ?> values) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        values.forEach((column, value) -> out.put(requireName(column), requireKeyValue(column, value)));
        return new CanonicalKey(out);
    }

    /**
     * The key columns of {@code row}, in {@code keyColumns} order.
     *
     * @throws IllegalArgumentException naming a key column the row lacks or holds null in
     */
    public static CanonicalKey of(CanonicalRow row, List<String> keyColumns) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        for (String column : keyColumns) {
            if (!row.contains(column)) {
                throw new IllegalArgumentException("row has no key column '" + column + "'; it has " + row.columns());
            }
            if (out.put(column, requireKeyValue(column, row.get(column))) != null) {
                throw new IllegalArgumentException("key column '" + column + "' is listed twice");
            }
        }
        return new CanonicalKey(out);
    }

    /**
     * Parses an {@link #encode()} result.
     *
     * @throws IllegalArgumentException quoting the input when it is not a key encoding
     */
    public static CanonicalKey decode(String encoded) {
        return of(KeyJson.decode(encoded));
    }

    public String encode() {
        return KeyJson.encode(values);
    }

    public List<String> columns() {
        return List.copyOf(values.keySet());
    }

    public Map<String, Object> values() {
        return values;
    }

    public Object get(String column) {
        return values.get(column);
    }

    public CanonicalRow toRow() {
        return CanonicalRow.of(values);
    }

    @Override
    public boolean equals(Object other) {
        // Key order is part of a key's identity: it fixes the topic key bytes.
        return other instanceof CanonicalKey that && values.equals(that.values)
                && List.copyOf(values.keySet()).equals(List.copyOf(that.values.keySet()));
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return encode();
    }

    private static String requireName(String column) {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("key column name must not be blank");
        }
        return column;
    }

    private static Object requireKeyValue(String column, Object value) {
        Object canonical = CanonicalValue.requireCanonical(column, value);
        if (canonical == null) {
            throw new IllegalArgumentException("key column '" + column + "' is null");
        }
        if (canonical instanceof Double d && (d.isNaN() || d.isInfinite())) {
            throw new IllegalArgumentException("key column '" + column + "' is " + d + ", which JSON cannot carry");
        }
        return canonical;
    }
}

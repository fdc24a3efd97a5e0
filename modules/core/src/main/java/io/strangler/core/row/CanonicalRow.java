package io.strangler.core.row;

import io.strangler.core.row.internal.Values;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable row: column name → canonical value, in a fixed column order. Equality is by content (column
 * names and values, bytes compared by content) and ignores the order of the columns; the order matters only
 * where a caller asks for it (iteration, {@link RowHash} takes its own order).
 *
 * <p>Example:
 * <pre>{@code
 * CanonicalRow row = CanonicalRow.builder().put("id", 42L).put("name", "Ada").build();
 * CanonicalRow service = row.rename(Map.of("name", "full_name")).project(List.of("id", "full_name"));
 * CanonicalKey key = CanonicalKey.of(row, List.of("id"));  // {"id":42}
 * }</pre>
 */
public final class CanonicalRow {

    private static final CanonicalRow EMPTY = new CanonicalRow(new LinkedHashMap<>());

    private final Map<String, Object> values;

    private CanonicalRow(LinkedHashMap<String, Object> owned) {
        this.values = Collections.unmodifiableMap(owned);
    }

    public static CanonicalRow empty() {
        return EMPTY;
    }

    /**
     * Copies {@code values} in its iteration order (use a {@link LinkedHashMap} to keep an order).
     *
     * @throws CanonicalValueException naming the column when a value is not canonical
     */
    public static CanonicalRow of(Map<String, ?> values) {
        Builder builder = builder();
        values.forEach(builder::put);
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads the current row of {@code resultSet}, every column typed from the driver's metadata. */
    public static CanonicalRow fromJdbc(ResultSet resultSet, Engine engine) throws SQLException {
        ResultSetMetaData metaData = resultSet.getMetaData();
        Builder builder = builder();
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            builder.put(metaData.getColumnLabel(i), CanonicalValue.fromJdbc(resultSet, i, engine));
        }
        return builder.build();
    }

    /** Reads the current row of {@code resultSet} with one caller-supplied type per result column. */
    public static CanonicalRow fromJdbc(ResultSet resultSet, List<ColumnType> types) throws SQLException {
        ResultSetMetaData metaData = resultSet.getMetaData();
        if (types.size() != metaData.getColumnCount()) {
            throw new IllegalArgumentException("result has " + metaData.getColumnCount() + " columns but "
                    + types.size() + " types were given");
        }
        Builder builder = builder();
        for (int i = 1; i <= types.size(); i++) {
            builder.put(metaData.getColumnLabel(i), CanonicalValue.fromJdbc(resultSet, i, types.get(i - 1)));
        }
        return builder.build();
    }

    /** A row from an Avro {@code map<union{null,boolean,long,double,string,bytes}>} (keys may be {@code Utf8}). */
    public static CanonicalRow fromAvro(Map<? extends CharSequence, ?> avro) {
        Builder builder = builder();
        avro.forEach((name, value) -> builder.put(name.toString(), CanonicalValue.fromAvro(value)));
        return builder.build();
    }

    /** This row as a map for the Avro union (bytes as {@link java.nio.ByteBuffer}), in column order. */
    public Map<String, Object> toAvro() {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        values.forEach((name, value) -> out.put(name, CanonicalValue.toAvro(value)));
        return out;
    }

    public List<String> columns() {
        return List.copyOf(values.keySet());
    }

    /** Unmodifiable view in column order; may contain {@code null} values. */
    public Map<String, Object> values() {
        return values;
    }

    public boolean contains(String column) {
        return values.containsKey(column);
    }

    /** The value, or {@code null} when the column is absent or null (use {@link #contains} to tell). */
    public Object get(String column) {
        return values.get(column);
    }

    public int size() {
        return values.size();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * The given columns in the given order.
     *
     * @throws IllegalArgumentException naming the first column this row does not have
     */
    public CanonicalRow project(List<String> columns) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        for (String column : columns) {
            if (!values.containsKey(column)) {
                throw new IllegalArgumentException("cannot project column '" + column + "': row has " + values.keySet());
            }
            if (out.containsKey(column)) {
                throw new IllegalArgumentException("column '" + column + "' appears twice in the projection");
            }
            out.put(column, values.get(column));
        }
        return new CanonicalRow(out);
    }

    /**
     * Renames columns ({@code old → new}), keeping order; columns not in {@code renames} keep their names.
     *
     * @throws IllegalArgumentException when two columns would end up with the same name
     */
    public CanonicalRow rename(Map<String, String> renames) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            String target = renames.getOrDefault(name, name);
            if (target == null || target.isBlank()) {
                throw new IllegalArgumentException("column '" + name + "' is renamed to a blank name");
            }
            if (out.containsKey(target)) {
                throw new IllegalArgumentException("renaming column '" + name + "' to '" + target
                        + "' collides with another column of that name");
            }
            out.put(target, value);
        });
        return new CanonicalRow(out);
    }

    /** A copy with {@code column} set (appended when new, replaced in place otherwise). */
    public CanonicalRow with(String column, Object value) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>(values);
        out.put(requireName(column), Values.requireCanonical(column, value));
        return new CanonicalRow(out);
    }

    /** A copy without {@code column} (unchanged when absent). */
    public CanonicalRow without(String column) {
        if (!values.containsKey(column)) {
            return this;
        }
        LinkedHashMap<String, Object> out = new LinkedHashMap<>(values);
        out.remove(column);
        return new CanonicalRow(out);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CanonicalRow that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "CanonicalRow" + values;
    }

    private static String requireName(String column) {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("column name must not be blank");
        }
        return column;
    }

    /** Collects columns in insertion order. */
    public static final class Builder {

        private final LinkedHashMap<String, Object> values = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @throws CanonicalValueException  naming the column when the value is not canonical
         * @throws IllegalArgumentException when the column was already put
         */
        public Builder put(String column, Object value) {
            requireName(column);
            Object canonical = Values.requireCanonical(column, value);
            if (values.containsKey(column)) {
                throw new IllegalArgumentException("column '" + column + "' was already set");
            }
            values.put(column, canonical);
            return this;
        }

        public CanonicalRow build() {
            return values.isEmpty() ? EMPTY : new CanonicalRow(new LinkedHashMap<>(values));
        }
    }

}

package io.strangler.core.mapping;

/**
 * A column that exists on one side only. When the sync creates the row on that side (because the other
 * side inserted it), it writes {@code defaultValue}; {@code null} means "leave it to the database" (its
 * column default, or NULL).
 *
 * @param name         the column's name on its own side
 * @param defaultValue a canonical value: null, Boolean, Long, Double or String
 */
public record OneSidedColumn(String name, Object defaultValue) {

    public OneSidedColumn {
        if (name == null || name.isBlank()) {
            throw new MappingException("column", "must be a non-empty column name");
        }
        if (defaultValue instanceof Integer value) {
            defaultValue = value.longValue();
        }
        else if (defaultValue instanceof Float value) {
            defaultValue = value.doubleValue();
        }
        if (defaultValue != null && !(defaultValue instanceof Boolean || defaultValue instanceof Long
                || defaultValue instanceof Double || defaultValue instanceof String)) {
            throw new MappingException("default", "must be a scalar (string, number, boolean or null), got "
                    + defaultValue.getClass().getSimpleName());
        }
    }
}

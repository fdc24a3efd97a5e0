package io.strangler.generator.model;

import io.strangler.core.catalog.Column;
import java.util.List;
import java.util.Objects;

/**
 * One column of a resource.
 *
 * @param name         the JSON property, Java record component and filter parameter name
 * @param required     NOT NULL without a default: a create must supply it
 * @param readOnly     identity, serial, auto-increment or generated: the database sets it
 * @param minimum      for small integer types, the range the column holds; null otherwise
 * @param defaultValue the column's default as a JSON-ready value (number, boolean, string) when it is a plain
 *                     literal; null otherwise (then {@code column.defaultExpression()} is documented)
 */
public record Field(Column column, String name, FieldType type, boolean nullable, boolean required, boolean readOnly,
        boolean key, Integer maxLength, Integer precision, Integer scale, Long minimum, Long maximum,
        List<String> enumValues, Object defaultValue) {

    public Field {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        enumValues = List.copyOf(enumValues);
    }
}

package io.strangler.generator.model;

import io.strangler.core.catalog.Table;
import java.util.List;
import java.util.Optional;

/**
 * One table as an API resource.
 *
 * @param name     unique PascalCase base of every name derived for it: schemas {@code Orders}, {@code OrdersCreate},
 *                 operation ids {@code listOrders}, classes {@code OrdersController}
 * @param path     the collection path, {@code /orders}
 * @param fields   in table order
 * @param keys     the primary key's fields in key order; empty for a read-only table
 * @param children sub-resources listed under this one (this is their parent)
 * @param parents  sub-resources in which this resource is the child (also the links to its parents)
 */
public record Resource(Table table, String name, String path, List<Field> fields, List<Field> keys,
        List<SubResource> children, List<SubResource> parents) {

    public Resource {
        fields = List.copyOf(fields);
        keys = List.copyOf(keys);
        children = List.copyOf(children);
        parents = List.copyOf(parents);
    }

    /** Without a primary key a row cannot be addressed: list only. */
    public boolean readOnly() {
        return keys.isEmpty();
    }

    /** {@code /orders/{id}}, {@code /order-items/{orderId}/{lineNo}}. */
    public String itemPath() {
        StringBuilder path = new StringBuilder(this.path);
        keys.forEach(key -> path.append("/{").append(key.name()).append('}'));
        return path.toString();
    }

    public Optional<Field> field(String columnName) {
        return fields.stream().filter(field -> field.column().name().equals(columnName)).findFirst();
    }

    public String tag() {
        return name;
    }
}

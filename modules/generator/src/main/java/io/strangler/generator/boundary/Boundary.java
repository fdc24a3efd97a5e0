package io.strangler.generator.boundary;

import java.util.List;
import java.util.Objects;

/**
 * A service boundary: the service's name and the tables it owns. The analyzer writes it as
 * {@code {"service": "orders", "tables": ["public.orders", "public.order_items"]}} (see {@link BoundaryFiles}).
 */
public record Boundary(String service, List<TableRef> tables) {

    public Boundary {
        Objects.requireNonNull(service, "service");
        if (service.isBlank()) {
            throw new IllegalArgumentException("the boundary's service name must not be blank");
        }
        tables = List.copyOf(tables);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("the boundary of service '" + service + "' names no tables");
        }
        if (tables.stream().distinct().count() != tables.size()) {
            throw new IllegalArgumentException("the boundary of service '" + service + "' names a table twice: " + tables);
        }
    }

    /** From {@code --tables orders,public.order_items}. */
    public static Boundary of(String service, List<String> tables) {
        return new Boundary(service, tables.stream().filter(t -> !t.isBlank()).map(TableRef::parse).toList());
    }
}

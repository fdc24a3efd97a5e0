package io.strangler.core.catalog;

import java.util.Objects;

/** A check constraint; {@code expression} is the engine's own text of the condition. */
public record CheckConstraint(String name, String expression) {

    public CheckConstraint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
    }
}

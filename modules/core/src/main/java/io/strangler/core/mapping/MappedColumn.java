package io.strangler.core.mapping;

import java.util.Objects;

/**
 * A column present on both sides. Its logical name is the monolith column's name.
 */
public record MappedColumn(String logicalName, String monolithColumn, String serviceColumn) {

    public MappedColumn {
        Objects.requireNonNull(logicalName, "logicalName");
        Objects.requireNonNull(monolithColumn, "monolithColumn");
        Objects.requireNonNull(serviceColumn, "serviceColumn");
    }

    public String column(Side side) {
        return side == Side.MONOLITH ? monolithColumn : serviceColumn;
    }
}

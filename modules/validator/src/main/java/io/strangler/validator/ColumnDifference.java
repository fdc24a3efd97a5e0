package io.strangler.validator;

import java.util.Objects;

/**
 * One mapped column whose canonical values differ.
 *
 * @param column        the logical (monolith) column name
 * @param monolithValue canonical value on the monolith side (may be null)
 * @param serviceValue  canonical value on the service side (may be null)
 */
public record ColumnDifference(String column, Object monolithValue, Object serviceValue) {

    public ColumnDifference {
        Objects.requireNonNull(column, "column");
    }
}

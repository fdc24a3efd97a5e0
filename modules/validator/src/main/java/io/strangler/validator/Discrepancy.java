package io.strangler.validator;

import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import java.util.List;
import java.util.Objects;

/**
 * One logical row on which the sides disagree. Rows use logical (monolith) column names and canonical values.
 *
 * @param kind          what is wrong
 * @param key           the logical key
 * @param monolithRow   the monolith's row; null when missing there
 * @param serviceRow    the service's row; null when missing there
 * @param columns       for {@link DiscrepancyKind#DIFFERENT}, the differing columns in mapping order; else empty
 */
public record Discrepancy(DiscrepancyKind kind, CanonicalKey key, CanonicalRow monolithRow, CanonicalRow serviceRow,
                          List<ColumnDifference> columns) {

    public Discrepancy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        columns = List.copyOf(columns == null ? List.of() : columns);
        switch (kind) {
            case MISSING_ON_SERVICE -> require(monolithRow != null && serviceRow == null, kind);
            case MISSING_ON_MONOLITH -> require(monolithRow == null && serviceRow != null, kind);
            case DIFFERENT -> require(monolithRow != null && serviceRow != null && !columns.isEmpty(), kind);
        }
    }

    private static void require(boolean condition, DiscrepancyKind kind) {
        if (!condition) {
            throw new IllegalArgumentException("inconsistent rows for a " + kind.label() + " discrepancy");
        }
    }
}

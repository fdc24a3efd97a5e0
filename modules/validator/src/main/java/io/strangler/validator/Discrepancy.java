package io.strangler.validator;

import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import java.util.List;
import java.util.Objects;

/**
 * One logical row on which the sides disagree, or (an orphan) whose foreign key is broken on one side. Rows use
 * logical (monolith) column names and canonical values, except an orphan's row, described below.
 *
 * @param kind          what is wrong
 * @param key           the logical key
 * @param monolithRow   the monolith's row; null when missing there. For {@link DiscrepancyKind#ORPHAN_ON_MONOLITH}:
 *                      the row's key and the values of its foreign-key columns, under the monolith's column names
 * @param serviceRow    the service's row; null when missing there. For {@link DiscrepancyKind#ORPHAN_ON_SERVICE}: as
 *                      above, under the service's column names
 * @param columns       for {@link DiscrepancyKind#DIFFERENT}, the differing columns in mapping order; else empty
 * @param foreignKey    for an orphan, the broken foreign key, e.g. {@code fk_line_order (order_id) → public.orders (id)};
 *                      else null
 */
public record Discrepancy(DiscrepancyKind kind, CanonicalKey key, CanonicalRow monolithRow, CanonicalRow serviceRow,
                          List<ColumnDifference> columns, String foreignKey) {

    public Discrepancy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        columns = List.copyOf(columns == null ? List.of() : columns);
        require(kind.orphan() == (foreignKey != null), kind);
        switch (kind) {
            case MISSING_ON_SERVICE, ORPHAN_ON_MONOLITH -> require(monolithRow != null && serviceRow == null, kind);
            case MISSING_ON_MONOLITH, ORPHAN_ON_SERVICE -> require(monolithRow == null && serviceRow != null, kind);
            case DIFFERENT -> require(monolithRow != null && serviceRow != null && !columns.isEmpty(), kind);
        }
    }

    /** A disagreement between the sides (not an orphan). */
    public Discrepancy(DiscrepancyKind kind, CanonicalKey key, CanonicalRow monolithRow, CanonicalRow serviceRow,
                       List<ColumnDifference> columns) {
        this(kind, key, monolithRow, serviceRow, columns, null);
    }

    private static void require(boolean condition, DiscrepancyKind kind) {
        if (!condition) {
            throw new IllegalArgumentException("inconsistent rows for a " + kind.label() + " discrepancy");
        }
    }
}

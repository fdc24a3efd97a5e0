package io.strangler.sync;

import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalRow;
import java.util.Objects;

/**
 * A {@link ConflictResolver}'s decision: one side's version wins, or a row built from both, or the row is deleted.
 *
 * @param winner the side whose version wins; null for {@link #merged} and {@link #deleted}
 * @param row    the merged logical row (every mapped column, logical names); null unless merged
 * @param delete whether the row ends deleted
 * @param reason a short explanation recorded in the conflict event
 */
public record Resolution(Side winner, CanonicalRow row, boolean delete, String reason) {

    public Resolution {
        Objects.requireNonNull(reason, "reason");
        int choices = (winner != null ? 1 : 0) + (row != null ? 1 : 0) + (delete ? 1 : 0);
        if (choices != 1) {
            throw new IllegalArgumentException("a resolution names exactly one of: a winning side, a merged row, delete");
        }
    }

    /** {@code side}'s version becomes the agreed row (or deletion). */
    public static Resolution wins(Side side, String reason) {
        return new Resolution(Objects.requireNonNull(side, "side"), null, false, reason);
    }

    /** {@code row} (every mapped column, logical names) becomes the agreed row on both sides. */
    public static Resolution merged(CanonicalRow row, String reason) {
        return new Resolution(null, Objects.requireNonNull(row, "row"), false, reason);
    }

    /** The row is deleted on both sides. */
    public static Resolution deleted(String reason) {
        return new Resolution(null, null, true, reason);
    }
}

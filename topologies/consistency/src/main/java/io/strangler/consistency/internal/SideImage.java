package io.strangler.consistency.internal;

import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.RowHash;
import java.util.Objects;

/**
 * The latest state of a logical row on one side, as the auditor last saw it.
 *
 * @param present      false when the side deleted the row
 * @param hash         hash over the mapping's logical columns; null when deleted
 * @param row          the logical row; empty when deleted
 * @param commitMicros commit time at the source of the change that produced this image
 * @param snapshot     the image comes from the side's initial snapshot (op READ), not from a change
 */
public record SideImage(boolean present, RowHash hash, CanonicalRow row, long commitMicros, boolean snapshot) {

    /** An image from a change (not a snapshot). */
    public SideImage(boolean present, RowHash hash, CanonicalRow row, long commitMicros) {
        this(present, hash, row, commitMicros, false);
    }

    public SideImage {
        Objects.requireNonNull(row, "row");
        if (present && hash == null) {
            throw new IllegalArgumentException("a present row needs a hash");
        }
    }

    static SideImage deleted(long commitMicros) {
        return new SideImage(false, null, CanonicalRow.empty(), commitMicros);
    }
}

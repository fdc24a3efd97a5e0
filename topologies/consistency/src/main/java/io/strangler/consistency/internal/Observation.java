package io.strangler.consistency.internal;

import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalRow;
import java.util.List;
import java.util.Objects;

/**
 * One side's change to one logical row, translated to the mapping's logical columns; the value of the repartition
 * topic that brings both sides of a row together.
 *
 * @param side         the side that changed
 * @param present      false when the side deleted the row
 * @param row          the logical row (logical column names, canonical values); empty when deleted
 * @param unavailable  logical columns whose value the source could not provide (left out of {@code row})
 * @param commitMicros commit time at the source
 */
public record Observation(Side side, boolean present, CanonicalRow row, List<String> unavailable, long commitMicros,
        boolean snapshot) {

    /** An observation of a change (not of the initial snapshot). */
    public Observation(Side side, boolean present, CanonicalRow row, List<String> unavailable, long commitMicros) {
        this(side, present, row, unavailable, commitMicros, false);
    }

    public Observation {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(row, "row");
        unavailable = List.copyOf(unavailable);
    }
}

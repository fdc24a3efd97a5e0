package io.strangler.consistency.internal;

/** Where a logical row stands, for the counts. */
public enum RowClass {
    /** On neither side (deleted on both, or never seen): not tracked. */
    ABSENT,
    /** Equal hashes on both sides. */
    AGREEMENT,
    /** Disagreeing for less than the grace period. */
    PENDING,
    /** Disagreeing for longer than the grace period: a discrepancy was reported. */
    OPEN
}
